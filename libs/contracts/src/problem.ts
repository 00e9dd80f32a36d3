/** The body of every error answer: RFC 9457 `application/problem+json` with our stable code. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  message: string;
  messageEn: string;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
