import {describe, expect, it} from 'vitest';
import type {Exchange} from '../source/platform/index.js';
import {stepIntro} from '../source/procedure/lesson-text.js';
import {lessonOf} from '../source/procedure/lessons.js';
import {callLines, openedView, panelKey, startOf} from '../source/wizard/call-lines.js';
import {HttpLog} from '../source/wizard/http-log.js';
import {callsLines} from '../source/wizard/lines/calls-lines.js';

// Each call as a lesson, matched by the call made (not by the wizard's step), and the panel that scrolls through it.

const base = 'https://eu2-cloud.acronis.com/api/2';
const id = '6d26f732-770e-591e-ab36-61a03306589d';
const call = (method: string, path: string, status?: number) => ({method, url: `${base}${path}`, status});

describe('the lesson of a call', () => {
  it('the token: what it is for, and sign-in lines said to be tenant-mode’s (the guide’s step 1 has none)', () => {
    const lesson = lessonOf(call('POST', '/idp/token', 200));
    expect(lesson.purpose).toContain("exchange the API client's id and secret for a bearer token");
    expect(lesson.guide).toBeUndefined();
    expect(lesson.ours?.label).toContain("these lines are tenant-mode's");
  });

  it('a search and a browse are both the guide’s step 2; only the browse says it differs', () => {
    const search = lessonOf(call('GET', `/search?tenant=${id}&text=Acme&limit=50`, 200));
    expect(search.guide?.steps).toBe('2');
    expect(search.ours?.lines.join('\n')).toContain("requests.get(f'{base_url}/search'");
    expect(search.differs).toBeUndefined();
    const browse = lessonOf(call('GET', `/tenants?parent_id=${id}`, 200));
    expect(browse.guide?.steps).toBe('2');
    expect(browse.differs).toContain("the guide's step 2 starts from the tenant's UUID");
    // The whole subtree (a loosely typed name, the plan) is said to be that call, not a browse.
    const subtree = lessonOf(call('GET', `/tenants?subtree_root_id=${id}&limit=1000`, 200));
    expect(subtree.purpose).toContain('the whole subtree');
    expect(subtree.differs).toContain('GET /tenants?subtree_root_id=');
    expect(subtree.differs).not.toContain('parent_id');
  });

  it('the pricing read is steps 3–5; the PUT steps 6–9 with its {version, mode} said; a re-read after a lost PUT is explained', () => {
    const pricing = `/tenants/${id}/pricing`;
    expect(lessonOf(call('GET', pricing, 200)).guide?.steps).toBe('3–5');
    const put = lessonOf(call('PUT', pricing, 200));
    expect(put.guide?.steps).toBe('6–9');
    expect(put.differs).toContain('{version, mode}');
    const reread = lessonOf(call('GET', pricing, 200), [call('GET', pricing, 200), call('PUT', pricing)]);
    expect(reread.purpose).toContain(
      'Read the pricing again after a switch whose answer did not say what happened',
    );
    expect(reread.differs).toContain('never sends the PUT again blindly');
    // After a 409 (a clear refusal) the re-read shows what changed; it is not said to be an answer that was lost.
    const afterConflict = lessonOf(call('GET', pricing, 200), [
      call('GET', pricing, 200),
      call('PUT', pricing, 409),
    ]);
    expect(afterConflict.purpose).toContain('after the switch was refused (409');
    expect(afterConflict.differs).toContain('never sends the old one again');
    // A read after a PUT that was answered 200 is no re-read.
    expect(lessonOf(call('GET', pricing, 200), [call('PUT', pricing, 200)]).differs).toBeUndefined();
  });
});

describe('the panel’s lines', () => {
  const body = JSON.stringify(
    {
      items: Array.from({length: 40}, (_, n) => ({id: `tenant-${n}`, name: `Customer ${n}`})),
      last: 'THE END',
    },
    null,
    2,
  );
  const exchange: Exchange = {
    method: 'GET',
    url: `${base}/tenants?parent_id=${id}`,
    status: 200,
    durationMs: 12,
    requestHeaders: {Authorization: 'Bearer …x7Qa'},
    responseBody: body,
  };

  it('a 2 KB answer is shown whole, never cut: End scrolls to its last line, Home back to the top', () => {
    expect(body.length).toBeGreaterThan(2000);
    const exchanges = [exchange];
    const size = {height: 10, width: 76, scrolled: []};
    let view = openedView(exchanges);
    const window = () => {
      const lines = callLines(exchanges, view, size.width);
      const start = startOf(view, lines, size.height);
      return lines.slice(start, start + size.height).map((line) => line.text);
    };
    expect(window().join('\n')).not.toContain('THE END');
    view = panelKey(view, '\u001b[F', exchanges, size);
    const end = window().join('\n');
    expect(end).toContain('"last": "THE END"');
    expect(end).toContain("Differs: the guide's step 2");
    expect(callLines(exchanges, view, size.width).some((line) => line.text.includes('…'))).toBe(true); // the token
    view = panelKey(view, '\u001b[H', exchanges, size);
    expect(window()[0]).toMatch(/^❯ ▾ 1\. GET \/api\/2\/tenants\?parent_id=/);
    // A page down moves a window less one line; ↓ one line.
    const top = startOf(view, callLines(exchanges, view, size.width), size.height);
    view = panelKey(view, '\u001b[6~', exchanges, size);
    expect(startOf(view, callLines(exchanges, view, size.width), size.height)).toBe(top + 9);
    view = panelKey(view, '\u001b[B', exchanges, size);
    expect(startOf(view, callLines(exchanges, view, size.width), size.height)).toBe(top + 10);
  });

  it('a line wider than the panel is broken, never cut', () => {
    const lines = callLines([exchange], {selected: 0, open: new Set([0])}, 40);
    expect(lines.every((line) => line.text.length <= 40)).toBe(true);
    expect(lines.map((line) => line.text.trim()).join(' ')).toContain(
      'List the tenants under one tenant, so that',
    );
  });
});

describe("a step's explanation", () => {
  const now = Date.UTC(2026, 11, 6, 9);
  it('of a customer in production says so, never when its trial would end', () => {
    const intro = stepIntro({
      step: 'viewPricing',
      tenantName: 'Initech',
      pricing: {
        mode: 'production',
        version: 3,
        currency: 'USD',
        production_start_date: '2026-08-01T00:00:00',
      },
      now,
    }).join(' ');
    expect(intro).toContain('Production since 1 Aug 2026. Nothing to switch');
    expect(intro).not.toContain('switches by itself');
  });
  it('of a trial customer says what switching costs, with its own dates', () => {
    const intro = stepIntro({
      step: 'viewPricing',
      tenantName: 'Acme Corp',
      pricing: {mode: 'trial', version: 3, currency: 'USD', production_start_date: '2027-02-10T00:00:00'},
      now,
    }).join(' ');
    expect(intro).toContain('December 2026');
  });
});

describe('Tab in the line mode', () => {
  const body = (count: number) =>
    JSON.stringify({items: Array.from({length: count}, (_, n) => ({id: n, name: `Customer ${n}`}))}, null, 2);
  let long = body(20);
  const exchange = (n: number): Exchange => ({
    method: 'GET',
    url: `${base}/tenants?parent_id=${id}&n=${n}`,
    status: 200,
    durationMs: 3,
    requestHeaders: {},
    responseBody: long,
  });
  const log = () => {
    const http = new HttpLog({now: () => 0, sleep: async () => {}});
    http.callsFor('chooseTenant');
    for (let n = 1; n <= 5; n++) http.onExchange(exchange(n));
    return http;
  };

  it('prints the last calls and a long body’s start, said so', () => {
    const text = callsLines('chooseTenant', log()).join('\n');
    expect(text).toContain('(the last 3)');
    expect(text).toMatch(/\(\d+ more lines of this body/);
  });

  it('in a lesson prints every call, and bodies of up to 100 lines whole; longer ones point to the transcript', () => {
    const text = callsLines('chooseTenant', log(), false, true).join('\n');
    expect(text).not.toContain('(the last 3)');
    expect(text).not.toContain('more lines of this body');
    expect(text.match(/"name": "Customer 19"/g)).toHaveLength(5);
    long = body(300);
    const cut = callsLines('chooseTenant', log(), false, true).join('\n');
    expect(cut).toMatch(/\(\d+ more lines of this body: the lesson's transcript \(--transcript FILE\)/);
    long = body(20);
  });
});
