// The widget's strings in English and Russian, chosen by the browser's language.

const en = {
  open: "Open chat",
  close: "Close chat",
  title: "Chat with us",
  placeholder: "Type a message…",
  send: "Send",
  attach: "Attach a file",
  typing: "Typing…",
  reconnecting: "Connecting…",
  online: "Online",
  prechatIntro: "Please introduce yourself before we start.",
  start: "Start chat",
  fieldName: "Name",
  fieldEmail: "Email",
  fieldPhone: "Phone",
  required: "Please fill in the required fields.",
  you: "You",
  agent: "Support",
  sending: "Sending…",
  download: "Download",
  unread: "unread messages",
  errTooLarge: "The file is too large.",
  errType: "This type of file cannot be sent.",
  errNetwork: "No connection. Please try again.",
  errRefused: "The message was not sent.",
  errUnavailable: "Chat is not available right now.",
  sysCompleted: "The chat has ended.",
  sysAccepted: "An agent has joined the chat.",
  sysTransferred: "We are passing your chat to a colleague who can help.",
  sysOwnerChanged: "Another agent has taken over the chat.",
  sysOther: "The chat was updated.",
};

export type Strings = typeof en;

const ru: Strings = {
  open: "Открыть чат",
  close: "Закрыть чат",
  title: "Напишите нам",
  placeholder: "Введите сообщение…",
  send: "Отправить",
  attach: "Прикрепить файл",
  typing: "Печатает…",
  reconnecting: "Подключение…",
  online: "В сети",
  prechatIntro: "Пожалуйста, представьтесь перед началом чата.",
  start: "Начать чат",
  fieldName: "Имя",
  fieldEmail: "Эл. почта",
  fieldPhone: "Телефон",
  required: "Заполните обязательные поля.",
  you: "Вы",
  agent: "Поддержка",
  sending: "Отправляется…",
  download: "Скачать",
  unread: "непрочитанных сообщений",
  errTooLarge: "Файл слишком большой.",
  errType: "Такой файл отправить нельзя.",
  errNetwork: "Нет связи. Попробуйте ещё раз.",
  errRefused: "Сообщение не отправлено.",
  errUnavailable: "Чат сейчас недоступен.",
  sysCompleted: "Чат завершён.",
  sysAccepted: "К чату подключился оператор.",
  sysTransferred: "Передаём ваш чат коллеге, который сможет помочь.",
  sysOwnerChanged: "Чат продолжит другой оператор.",
  sysOther: "Чат обновлён.",
};

export const language: "en" | "ru" = (navigator.language || "en").toLowerCase().startsWith("ru") ? "ru" : "en";

export const t: Strings = language === "ru" ? ru : en;

// systemText renders a system message from its code in the reader's language.
export function systemText(code: string | undefined): string {
  switch (code) {
    case "chat_completed":
      return t.sysCompleted;
    case "chat_accepted":
      return t.sysAccepted;
    case "chat_transferred":
      return t.sysTransferred;
    case "owner_changed":
      return t.sysOwnerChanged;
    default:
      return t.sysOther;
  }
}
