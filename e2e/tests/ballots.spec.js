// The ballot editor's feedback for the kinds the demo's approval round does not show: points
// spread over projects, and a ranking built with buttons. Each round is set up through the
// officers' API, opened for voting, and then used in the browser as a resident would.
const { execFileSync } = require('child_process');
const { test, expect, expectAccessible } = require('./fixtures');

const OFFICER = { email: 'officer@glenmoray.example', password: 'glenmoray-demo' };
const PROJECTS = [['Bus shelter', 100000], ['Community orchard', 200000], ['Skate ramp', 300000]];

async function openRound(request, title, ballot) {
  const signIn = await request.post('/api/session', { data: OFFICER });
  expect(signIn.status()).toBe(200);
  const headers = { cookie: signIn.headers()['set-cookie'].split(';')[0] };
  const settings = {
    title, summary: 'A round for the browser tests.', currency: 'GBP', ballot, rule: 'greedy',
    live_results_public: true, revote_allowed: false,
    districts: [{ id: 'all', name: 'Everywhere', budget: 1000000 }], categories: [],
  };
  const created = await request.post('/api/officer/rounds', { headers, data: settings });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = await created.json();
  for (const [name, cost] of PROJECTS) {
    const project = await request.post(`/api/officer/rounds/${id}/projects`, { headers, data: { district: 'all', title: name, cost } });
    expect(project.status(), await project.text()).toBe(201);
  }
  for (const to of ['proposals', 'review', 'voting']) {
    const moved = await request.post(`/api/officer/rounds/${id}/phase`, { headers, data: { to } });
    expect(moved.ok(), await moved.text()).toBeTruthy();
  }
  return id;
}

function issueCode(round) {
  const out = execFileSync(process.env.CAIRN_BIN, [
    'codes', String(round), '--count', '1', '--db', process.env.CAIRN_E2E_DB, '--data-dir', process.env.CAIRN_E2E_DATA,
  ]).toString();
  return out.trim().split('\n')[0];
}

test('points: the running total, the limits in words, and a ballot that counts', async ({ page, request }) => {
  const round = await openRound(request, `Points round ${Date.now()}`, { type: 'cumulative', max_sum_points: 10, max_points: 6, min_points: 1 });
  await page.goto(`/rounds/${round}/vote`);
  await expect(page.getByRole('heading', { level: 1, name: /^Your ballot: Points round/ })).toBeVisible();
  const status = page.getByRole('status').filter({ hasText: /points\./ });
  await expect(status).toHaveText('You have used 0 of 10 points. 10 left.');
  await page.getByLabel(/^Bus shelter/).fill('4');
  await expect(status).toHaveText('You have used 4 of 10 points. 6 left.');
  await page.getByLabel(/^Skate ramp/).fill('7');
  await expect(status).toHaveText('You have used 11 of 10 points. 0 left.');
  await expectAccessible(page);
  // Every broken rule is named before anything is sent.
  await page.getByRole('button', { name: 'Check my choices' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('You have used 11 points; the most is 10.');
  await expect(alert).toContainText('At most 6 points can go to one project.');
  await page.getByLabel(/^Skate ramp/).fill('6');
  await expect(status).toHaveText('You have used 10 of 10 points. 0 left.');
  await page.getByRole('button', { name: 'Check my choices' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '2. Check and send' })).toBeFocused();
  await expect(page.locator('.review li')).toHaveText(['Bus shelter: 4 points', 'Skate ramp: 6 points']);
  await page.getByLabel('Your voting code').fill(issueCode(round));
  await page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you: your vote is counted' })).toBeVisible();
  const tally = await (await request.get(`/api/rounds/${round}/tally`)).json();
  expect(tally.ballots).toBe(1);
});

test('ranking: add, move and remove by button, with the order read back', async ({ page, request }) => {
  const round = await openRound(request, `Ranking round ${Date.now()}`, { type: 'ordinal', min_length: 2, max_length: 3 });
  await page.goto(`/rounds/${round}/vote`);
  await expect(page.getByRole('heading', { level: 1, name: /^Your ballot: Ranking round/ })).toBeVisible();
  const ranking = page.locator('ol.ranking > li');
  await page.getByRole('button', { name: 'Add Skate ramp to your ranking' }).click();
  // One project is too few: said in words when the resident tries to go on.
  await page.getByRole('button', { name: 'Check my choices' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByRole('button', { name: 'Add Bus shelter to your ranking' }).click();
  await page.getByRole('button', { name: 'Add Community orchard to your ranking' }).click();
  await expect(ranking).toHaveCount(3);
  await expect(ranking.first()).toContainText('Skate ramp');
  await page.getByRole('button', { name: 'Move Community orchard up' }).click();
  await page.getByRole('button', { name: 'Move Community orchard up' }).click();
  await expect(ranking.first()).toContainText('Community orchard');
  // The first can go no higher and the last no lower.
  await expect(page.getByRole('button', { name: 'Move Community orchard up' })).toBeDisabled();
  await page.getByRole('button', { name: 'Remove Bus shelter from your ranking' }).click();
  await expect(ranking).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Add Bus shelter to your ranking' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Check my choices' }).click();
  await expect(page.getByRole('heading', { level: 2, name: '2. Check and send' })).toBeFocused();
  await expect(page.getByText('Your ranking, first choice first:')).toBeVisible();
  await expect(page.locator('.review li')).toHaveText(['Community orchard', 'Skate ramp']);
  await page.getByLabel('Your voting code').fill(issueCode(round));
  await page.getByRole('button', { name: 'Cast my vote' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you: your vote is counted' })).toBeVisible();
});
