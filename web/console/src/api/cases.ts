// Cases (R4): a contact's matter, made from a chat or entered by hand, as the
// API gives them.

// CaseStatus is where a case stands; the server knows no other.
export type CaseStatus = 'new' | 'in_progress' | 'resolved' | 'closed';

export const caseStatuses: CaseStatus[] = ['new', 'in_progress', 'resolved', 'closed'];

export interface Case {
  id: number;
  subject: string;
  description: string;
  source: 'chat' | 'manual';
  status: CaseStatus;
  contact_id: number;
  contact_name: string;
  // account_id is the contact's account when the case was made; 0 for none.
  account_id: number;
  // assignee_id 0 is nobody.
  assignee_id: number;
  registered_at: string;
  created_at: string;
  updated_at: string;
  created_by: number;
  version: number;
}

// CaseView is GET /cases/{id}: the case with the linked chats I may see.
export interface CaseView extends Case {
  chat_ids: number[];
}

export interface CasePage {
  cases: Case[];
  next?: number;
}

// CasePatch is what PATCH /cases/{id} changes.
export interface CasePatch {
  subject?: string;
  description?: string;
  status?: CaseStatus;
  assignee_id?: number;
}
