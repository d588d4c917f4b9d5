// Attention signals: a short tone made with WebAudio and desktop notifications.

let audio: AudioContext | null = null;

// Browsers allow audio only after a user gesture; the first click or key press
// creates the context so that later tones can play.
export function primeAudio(): void {
  const prime = () => {
    if (!audio) {
      try {
        audio = new AudioContext();
      } catch {
        audio = null;
      }
    }
    void audio?.resume();
  };
  window.addEventListener('pointerdown', prime, { once: true, capture: true });
  window.addEventListener('keydown', prime, { once: true, capture: true });
}

// beep plays two short notes for a new chat and one for a new message.
export function beep(kind: 'chat' | 'message'): void {
  if (!audio || audio.state !== 'running') return;
  const notes = kind === 'chat' ? [880, 1175] : [660];
  const start = audio.currentTime;
  notes.forEach((freq, i) => {
    const osc = audio!.createOscillator();
    const gain = audio!.createGain();
    const at = start + i * 0.16;
    osc.type = 'sine';
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.14);
    osc.connect(gain).connect(audio!.destination);
    osc.start(at);
    osc.stop(at + 0.15);
  });
}

const askedKey = 'parley.notificationsAsked';

// askNotificationPermission asks the browser once; the answer is remembered by it.
export function askNotificationPermission(): void {
  if (!('Notification' in window) || Notification.permission !== 'default') return;
  if (localStorage.getItem(askedKey)) return;
  localStorage.setItem(askedKey, '1');
  void Notification.requestPermission();
}

export function notificationsBlocked(): boolean {
  return 'Notification' in window && Notification.permission === 'denied';
}

export function desktopNotify(title: string, body: string, tag: string, onClick: () => void): void {
  if (!('Notification' in window) || Notification.permission !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker; the sound and
    // the in-page card still tell the agent.
  }
}
