/**
 * What device issuance needs to know about "the applicant": their credential type (which policy
 * applies) and their current PIV card (derived credentials need one). Backed by the applicants
 * feature's ApplicantService; tests use a map.
 */
import type { Actor } from '../operators/roles';
import type { ApplicantService } from '../applicants/service';

export interface ApplicantFacts {
  id: string;
  displayName: string;
  credentialType: string | null;
  /** The newest active card, or null when the applicant holds none. */
  currentCard: { fascnHex: string; guid: string; expirationDate: string } | null;
}

export interface ApplicantDirectory {
  /** Throws (APPLICANT_NOT_FOUND, or a role error) when the actor may not see the applicant. */
  find(actor: Actor, applicantId: string): ApplicantFacts;
}

export function applicantDirectory(service: ApplicantService): ApplicantDirectory {
  return {
    find(actor, applicantId) {
      const a = service.get(actor, applicantId);
      const card = a.currentCard && a.currentCard.status === 'active' ? a.currentCard : null;
      return {
        id: a.id,
        displayName: `${a.givenName} ${a.surname}`,
        credentialType: a.credentialType,
        currentCard: card ? { fascnHex: card.fascnHex, guid: card.guid, expirationDate: card.expirationDate } : null,
      };
    },
  };
}
