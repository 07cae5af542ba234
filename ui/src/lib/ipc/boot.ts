// What the first screen needs, asked for the moment the script runs — before the app is even
// mounted — in a single round trip to the backend, or none at all when the desktop app put it
// in the page.

import { api } from './api';
import type { AppInfo, FirstScreen, MeetingSummary, RegionInfo, SeriesId, Series, Stored } from './types';

let boot: Promise<FirstScreen> | null = null;
let meetingsTaken = false;

declare global {
  interface Window {
    /** The first screen's data, put in the page by the desktop app before it loads. */
    __MAHDAR_FIRST_SCREEN__?: FirstScreen;
  }
}

/** Starts the first request (call once the backend, real or mock, is in place), unless the
 *  desktop app already put the first screen's data in the page. */
export function startBoot(): void {
  // The data was read when the window opened: after a reload it may be old, so ask again.
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const given = nav?.type === 'reload' ? undefined : window.__MAHDAR_FIRST_SCREEN__;
  delete window.__MAHDAR_FIRST_SCREEN__;
  boot = given ? Promise.resolve(given) : api.firstScreen();
  // A failure is handled where the result is used; keep it from being "unhandled" meanwhile.
  boot.catch(() => {});
}

/** The app's information and the regions. */
export async function bootInfo(): Promise<[AppInfo, RegionInfo[]]> {
  if (!boot) return Promise.all([api.appInfo(), api.regions()]);
  const first = await boot;
  return [first.info, first.regions];
}

/**
 * Drops the meeting list of the first request: the first-run setup (which may load the example
 * meeting) comes before the list, which then asks for the meetings as they are by then.
 */
export function forgetBootMeetings(): void {
  meetingsTaken = true;
}

/** The unfiltered meeting list and the series from the first request, the first time only. */
export function bootMeetings(): Promise<[MeetingSummary[], Stored<Series, SeriesId>[]]> | null {
  if (!boot || meetingsTaken) return null;
  meetingsTaken = true;
  return boot.then((first) => [first.meetings, first.series]);
}
