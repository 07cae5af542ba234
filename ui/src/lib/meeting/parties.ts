// People, groups and organisations as parties to a follow-up action (owner, partners).

import type { Lang, Organisation, OrganisationId, PartyRef, Person, PersonId, Stored } from '../ipc/types';
import { organisationName, personName } from '../common/titles';

export interface Registry {
  people: Stored<Person, PersonId>[];
  organisations: Stored<Organisation, OrganisationId>[];
}

/** A party's name in a language; its id when it is gone from the registry. */
export function partyName(id: PartyRef, registry: Registry, lang: Lang): string {
  if (id.startsWith('org:')) {
    const o = registry.organisations.find((x) => x.id === id);
    return o ? organisationName(o, lang) : id;
  }
  const p = registry.people.find((x) => x.id === id);
  return p ? personName(p, lang) : id;
}
