/**
 * The web app's addresses, in one place: its own pages, the credential emails, the QR codes on postal
 * ballot papers, the home page and the demo's printed URLs all link to the same booth and results pages.
 */
export type BoothStep = '' | '/ballot' | '/review' | '/cast' | '/receipt';

export function votePath(electionId: string, step: BoothStep = ''): string {
  return `/vote/${encodeURIComponent(electionId)}${step}`;
}

/** The booth with the credential filled in, so a voter following an email or a QR code need not type it. */
export function credentialPath(electionId: string, credential: string): string {
  return `${votePath(electionId)}?credential=${encodeURIComponent(credential)}`;
}

export function resultsPath(electionId: string): string {
  return `/results/${encodeURIComponent(electionId)}`;
}
