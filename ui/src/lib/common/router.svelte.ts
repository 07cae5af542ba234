// Hash routing: #/meetings, #/meetings/new, #/meetings/new-report (a meeting from a press
// report), #/meeting/<id>, #/report/<meeting id> (the review of the report it was made from),
// #/followup, #/registry, #/settings, #/conflicts, #/about (the app's version and diagnostics).

import type { MeetingId } from '../ipc/types';

export type Route =
  | { name: 'meetings' }
  | { name: 'new-meeting' }
  | { name: 'new-report' }
  | { name: 'meeting'; id: MeetingId }
  | { name: 'report'; id: MeetingId }
  | { name: 'followup' }
  | { name: 'registry' }
  | { name: 'settings' }
  | { name: 'conflicts' }
  | { name: 'about' };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head, ...rest] = path.split('/');
  switch (head) {
    case 'meetings':
      if (rest[0] === 'new') return { name: 'new-meeting' };
      if (rest[0] === 'new-report') return { name: 'new-report' };
      return { name: 'meetings' };
    case 'meeting':
      return rest[0] ? { name: 'meeting', id: decodeURIComponent(rest.join('/')) as MeetingId } : { name: 'meetings' };
    case 'report':
      return rest[0] ? { name: 'report', id: decodeURIComponent(rest.join('/')) as MeetingId } : { name: 'meetings' };
    case 'followup':
      return { name: 'followup' };
    case 'registry':
      return { name: 'registry' };
    case 'settings':
      return { name: 'settings' };
    case 'conflicts':
      return { name: 'conflicts' };
    case 'about':
      return { name: 'about' };
    default:
      return { name: 'meetings' };
  }
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'meetings':
      return '#/meetings';
    case 'new-meeting':
      return '#/meetings/new';
    case 'new-report':
      return '#/meetings/new-report';
    case 'meeting':
      return `#/meeting/${encodeURIComponent(route.id)}`;
    case 'report':
      return `#/report/${encodeURIComponent(route.id)}`;
    case 'followup':
      return '#/followup';
    case 'registry':
      return '#/registry';
    case 'settings':
      return '#/settings';
    case 'conflicts':
      return '#/conflicts';
    case 'about':
      return '#/about';
  }
}

export const router = $state({ route: parseHash(typeof location === 'undefined' ? '' : location.hash) as Route });

export function navigate(route: Route): void {
  const href = hrefOf(route);
  if (location.hash !== href) location.hash = href;
  router.route = route;
}

export function startRouter(): () => void {
  const onHash = () => {
    router.route = parseHash(location.hash);
  };
  window.addEventListener('hashchange', onHash);
  return () => window.removeEventListener('hashchange', onHash);
}
