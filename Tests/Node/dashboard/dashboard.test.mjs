// End to end (issue #18): three closed pulses and two closed votes in Azurite, `tableau de bord` in a channel, the
// link opened in Chromium. The charts are drawn; the data tables hold the figures the seeded answers give and those
// storage holds (the stored summaries and recorded vote scores, read back from Azurite); no request leaves the bot's
// origin, no console error, no serious or critical accessibility violation; screenshots at desktop, phone width, dark
// theme and print (PNG and an A4 PDF) in TestResults/e2e/.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { startAzurite } from '../support/azurite.mjs';
import { startBot } from '../support/bot.mjs';
import { launchChromium } from '../support/browser.mjs';
import { shot } from '../support/e2e-shots.mjs';
import { stopAll } from '../support/stack.mjs';
import { storedSummaries, storedVoteResults } from './stored.mjs';
import { conversation, findAction, openUrlOf, people, startConnector } from './teams-double.mjs';

const steps = ['roleClarity', 'agenda', 'mesures', 'activites', 'communication', 'soutien', 'continuum', 'change'];
const started = [];
let link;
let bilingualLink;
let botUrl;
let storage;

/** One person's answer: role clarity, a continuum level and a frein on the agenda (free text, never on the page). */
async function answer(teams, person, pulseId, rating, level) {
  let card = await teams.invoke(person, 'pulse.open', { pulseId });
  // A person who declared no profile is offered one once, before the first step: everyone declares the same one.
  if (findAction(card, 'pulse.open')?.data?.profileOffered) {
    card = await teams.click(person, card, 'pulse.open', { profileCategory: 'communautaire' });
  }
  for (const step of steps) {
    const inputs = { roleClarity: { rating }, continuum: { choice: level }, agenda: { frein: `Frein-de-${person.name}` } }[step];
    card = inputs ? await teams.click(person, card, 'pulse.next', inputs) : await teams.click(person, card, 'pulse.skip');
  }
  await teams.click(person, card, 'pulse.submit');
}

async function closedPulse(teams, answers) {
  const card = await teams.say(people.nadia, 'pulse démarrer');
  const pulseId = findAction(card, 'pulse.open')?.data?.pulseId;
  assert.ok(pulseId, 'the pulse card has no Répondre action');
  for (const [person, rating, level] of answers) await answer(teams, person, pulseId, rating, level);
  await teams.say(people.nadia, 'pulse clore');
}

async function closedVote(teams, command, ballots) {
  const card = await teams.say(people.nadia, command);
  const voteId = findAction(card, 'vote.open')?.data?.voteId;
  assert.ok(voteId, 'the vote card has no Voter action');
  for (const [person, option] of ballots) await teams.invoke(person, 'vote.cast', { voteId, choice: String(option) }, 'vote-card');
  await teams.say(people.nadia, 'vote clore');
}

before(async () => {
  const azurite = await startAzurite();
  started.push(azurite);
  storage = azurite;
  const connector = await startConnector();
  started.push(connector);
  const bot = await startBot({
    storageConnectionString: azurite.connectionString,
    env: { Concertation__Coordinators__0: people.nadia.aadObjectId },
  });
  started.push(bot);
  botUrl = bot.url;
  const teams = conversation({ bot, connector });

  await teams.say(people.nadia, 'rencontre 14 septembre : Mobilité active');
  await teams.say(people.nadia, 'feuille de route vision : Un quartier où chacun marche sans crainte');
  await teams.say(people.nadia, 'feuille de route ajouter court : Trottoirs déneigés');
  await closedPulse(teams, [[people.amelie, '2', 'communication'], [people.bruno, '3', 'assistance'], [people.chris, '3', 'assistance']]);
  await closedPulse(teams, [[people.amelie, '5', 'coordination'], [people.bruno, '4', 'coordination']]);
  await closedPulse(teams, [
    [people.amelie, '4', 'coordination'],
    [people.bruno, '4', 'collaboration'],
    [people.chris, '5', 'coordination'],
    [people.nadia, '3', 'assistance'],
  ]);
  await closedVote(teams, 'vote Priorité : Trottoirs ; Pistes cyclables ; Bancs', [[people.amelie, 1], [people.bruno, 1], [people.chris, 0]]);
  await closedVote(teams, 'vote Prochain thème : Logement ; Alimentation', [[people.amelie, 0], [people.bruno, 0], [people.chris, 0], [people.nadia, 1]]);

  const card = await teams.say(people.amelie, 'tableau de bord');
  link = openUrlOf(card);
  assert.ok(link?.startsWith(`${bot.url}/dashboard?grant=`), `the card's link: ${link}`);

  // The same table once it speaks both languages: a link made now opens the bilingual page (the first stays French).
  await teams.say(people.nadia, 'langue bilingue');
  bilingualLink = openUrlOf(await teams.say(people.chris, 'tableau de bord'));
  assert.ok(bilingualLink?.startsWith(`${bot.url}/dashboard?grant=`), `the bilingual card's link: ${bilingualLink}`);
}, { timeout: 600_000 });

after(() => stopAll(started));

/** Opens the link in a fresh Chromium; records requests and console errors; runs `check(page)`. */
async function onDashboard({ viewport, colorScheme = 'light', url = link }, check) {
  const browser = await launchChromium({ viewport });
  const { page } = browser;
  const requests = [];
  const errors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  try {
    await page.emulateMedia({ colorScheme });
    const response = await page.goto(url, { waitUntil: 'load' });
    assert.equal(response.status(), 200);
    await page.waitForFunction(() => document.querySelectorAll('canvas').length > 0 && window.Chart !== undefined);
    await check(page);
    assert.deepEqual(requests.filter((url) => !url.startsWith(`${botUrl}/`)), [], 'requests left the bot origin');
    assert.deepEqual(errors, [], 'console errors');
  } catch (error) {
    await page.screenshot({ path: shot('failed-dashboard.png'), fullPage: true }).catch(() => {});
    throw error;
  } finally {
    await browser.close();
  }
}

/** The body rows of a data table: each cell's text and data-value. */
function rows(page, id) {
  return page.$$eval(`#${id} tbody tr`, (trs) =>
    trs.map((tr) => Array.from(tr.cells).map((cell) => ({ text: cell.textContent.trim(), value: cell.dataset.value === undefined || cell.dataset.value === '' ? null : cell.dataset.value }))),
  );
}

test('dashboard on a desktop: charts drawn, tables hold the figures, own origin only, accessible', { timeout: 180_000 }, async () => {
  await onDashboard({ viewport: { width: 1280, height: 900 } }, async (page) => {
    // Every chart has pixels on its canvas.
    const painted = await page.$$eval('canvas', (canvases) =>
      canvases.map((canvas) => {
        const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
        let count = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) count++;
        return count;
      }),
    );
    assert.equal(painted.length, 5, 'participation, role clarity, continuum and two votes');
    for (const pixels of painted) assert.ok(pixels > 500, `a canvas with ${pixels} painted pixels`);

    // Participation: 3, 2 and 4 answers among the roster's 4 members.
    const participation = await rows(page, 'participation-table');
    assert.deepEqual(participation.map((row) => row[1].value), ['3', '2', '4']);
    assert.deepEqual(participation.map((row) => row[3].value), ['75', '50', '100']);

    // Role clarity: 2,3,3 → mean 2.67, spread 0.47; the pulse of two shows nothing but its count; 4,4,5,3 → 4, 0.71.
    const clarity = await rows(page, 'role-clarity-table');
    assert.deepEqual(clarity[0].slice(1, 10).map((c) => c.value), ['3', '0', '2.67', '0.47', '0', '1', '2', '0', '0']);
    assert.deepEqual(clarity[1].slice(3, 10).map((c) => c.value), [null, null, null, null, null, null, null]);
    assert.equal(clarity[1][1].value, '2');
    assert.match(clarity[1][10].text, /^Moins de 3 réponses/);
    assert.deepEqual(clarity[2].slice(1, 10).map((c) => c.value), ['4', '0', '4', '0.71', '0', '0', '1', '2', '1']);
    assert.equal(clarity[2][3].text, '4');
    assert.equal(clarity[0][3].text, '2,67');

    // Continuum: median and levels (concurrence … intégration).
    const continuum = await rows(page, 'continuum-table');
    assert.equal(continuum[0][2].text, 'Assistance');
    assert.deepEqual(continuum[0].slice(3, 10).map((c) => c.value), ['0', '0', '1', '2', '0', '0', '0']);
    assert.equal(continuum[1][2].text, '—');
    assert.equal(continuum[2][2].text, 'Coordination');
    assert.deepEqual(continuum[2].slice(3, 10).map((c) => c.value), ['0', '0', '0', '1', '2', '1', '0']);

    // The same figures as storage holds: each stored summary's counts, mean, spread and distributions (rounded as
    // the page rounds them), and each vote's recorded scores.
    const summaries = await storedSummaries(storage);
    assert.equal(summaries.length, 3);
    const round = (x) => (x === undefined || x === null ? null : String(Math.round(x * 100) / 100));
    summaries.forEach((summary, i) => {
      const rating = summary.ratings[0];
      assert.equal(participation[i][1].value, String(summary.answerCount));
      assert.equal(clarity[i][1].value, String(rating.numericCount));
      assert.equal(clarity[i][3].value, round(rating.mean));
      assert.equal(clarity[i][4].value, round(rating.spread));
      assert.deepEqual(clarity[i].slice(5, 10).map((c) => c.value), rating.distribution ? rating.distribution.map(String) : Array(5).fill(null));
      const choice = summary.choices[0];
      assert.deepEqual(continuum[i].slice(3, 10).map((c) => c.value), choice.distribution ? choice.distribution.map((d) => String(d.count)) : Array(7).fill(null));
    });
    const stored = await storedVoteResults(storage);
    assert.equal(stored.length, 2);

    // By profile: everyone declared "Organisme communautaire" at their first pulse (Nadia at the third); the pulse
    // of two shows "moins de 3".
    const profiles = await rows(page, 'profiles-table');
    assert.deepEqual(profiles.map((row) => row[1].text), ['3 / 3', 'moins de 3', '4 / 4']);

    // Votes, newest first, ranked.
    const latest = await rows(page, 'vote-1-table');
    assert.deepEqual(latest.map((row) => [row[0].text, row[2].value]), [['Logement', '3'], ['Alimentation', '1']]);
    const earlier = await rows(page, 'vote-2-table');
    assert.deepEqual(earlier.map((row) => [row[0].text, row[2].value]), [['Pistes cyclables', '2'], ['Trottoirs', '1'], ['Bancs', '0']]);
    const options = { Priorité: ['Trottoirs', 'Pistes cyclables', 'Bancs'], 'Prochain thème': ['Logement', 'Alimentation'] };
    for (const { question, scores } of stored) {
      const table = question === 'Priorité' ? earlier : latest;
      const shown = Object.fromEntries(table.map((row) => [row[0].text, Number(row[2].value)]));
      assert.deepEqual(options[question].map((option) => shown[option]), scores, `the scores of "${question}"`);
    }

    // The rencontre and the feuille de route; no name, no free text.
    const text = await page.innerText('body');
    assert.ok(text.includes('Mobilité active'));
    assert.ok(text.includes('Un quartier où chacun marche sans crainte'));
    assert.ok(text.includes('Trottoirs déneigés'));
    for (const person of Object.values(people)) {
      assert.ok(!text.includes(person.name.split(' ')[1]), `${person.name} named on the page`);
      assert.ok(!text.includes('Frein-de-'), 'a frein on the page');
    }

    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact));
    assert.deepEqual(serious.map((violation) => `${violation.id}: ${violation.help}`), []);

    await page.screenshot({ path: shot('dashboard-desktop.png'), fullPage: true });
  });
});

test('dashboard at phone width', { timeout: 120_000 }, async () => {
  await onDashboard({ viewport: { width: 390, height: 844 } }, async (page) => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `the page is ${overflow}px wider than the phone`);
    await page.screenshot({ path: shot('dashboard-phone.png'), fullPage: true });
  });
});

test('dashboard in the dark theme', { timeout: 120_000 }, async (t) => {
  await onDashboard({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' }, async (page) => {
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(31, 31, 31)');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const serious = axe.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact));
    assert.deepEqual(serious.map((violation) => `${violation.id}: ${violation.help}`), []);
    await page.screenshot({ path: shot('dashboard-dark.png'), fullPage: true });
  });
});

test('dashboard printed', { timeout: 120_000 }, async () => {
  await onDashboard({ viewport: { width: 1280, height: 900 } }, async (page) => {
    await page.emulateMedia({ media: 'print' });
    const button = await page.evaluate(() => getComputedStyle(document.querySelector('.no-print')).display);
    assert.equal(button, 'none');
    await page.screenshot({ path: shot('dashboard-print.png'), fullPage: true });
    const pdf = await page.pdf({ path: shot('dashboard-print.pdf'), format: 'A4', printBackground: true });
    assert.ok(pdf.length > 10_000, `a PDF of ${pdf.length} bytes`);
  });
});

test('a rencontre\'s link opens its compte-rendu, from the bot\'s origin', { timeout: 120_000 }, async () => {
  await onDashboard({ viewport: { width: 1280, height: 900 } }, async (page) => {
    const anchor = page.locator('#rencontres-table a.compte-rendu');
    assert.equal(await anchor.count(), 1, 'the rencontre of the three pulses links to its compte-rendu');
    assert.match(await anchor.innerText(), /^Compte-rendu du 14 septembre \d{4}$/);
    const href = await anchor.getAttribute('href');
    assert.ok(href.startsWith('exports/compte-rendu.md?grant='), `a link relative to the page: ${href}`);
    const [download] = await Promise.all([page.waitForEvent('download'), anchor.click()]);
    assert.ok(download.url().startsWith(`${botUrl}/exports/compte-rendu.md?grant=`), download.url());
    assert.equal(await download.failure(), null);
    const chunks = [];
    for await (const chunk of await download.createReadStream()) chunks.push(chunk);
    const markdown = Buffer.concat(chunks).toString('utf8');
    assert.match(markdown, /^# Compte-rendu de la rencontre du 14 septembre \d{4}\n/);
    // The rencontre's own document: its thématique, its pulses and its votes.
    assert.ok(markdown.includes('Mobilité active'));
    assert.ok(markdown.includes('Prochain thème') && markdown.includes('Priorité'), markdown);
  });
});

test('dashboard of a bilingual conversation: both labels, figures once, English marked', { timeout: 120_000 }, async () => {
  await onDashboard({ viewport: { width: 1280, height: 900 }, url: bilingualLink }, async (page) => {
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(await page.innerText('#roadmap-h'), 'Feuille de route / Roadmap');
    assert.equal(await page.innerText('#trends-h'), 'Tendances des pouls / Pulse trends');
    const english = await page.$$eval('[lang="en"]', (parts) => parts.map((part) => part.textContent));
    assert.ok(english.includes('Roadmap') && english.includes('Pulse trends'), english.join(' | '));
    // The figures are those of the French page, once.
    const participation = await rows(page, 'participation-table');
    assert.deepEqual(participation.map((row) => row[1].value), ['3', '2', '4']);
    const clarity = await rows(page, 'role-clarity-table');
    assert.equal(clarity[0][3].text, '2,67');
    assert.equal(await page.locator('canvas').count(), 5);

    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact));
    assert.deepEqual(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => `${node.target} ${node.failureSummary}`).join('; ')})`), []);
    await page.screenshot({ path: shot('dashboard-bilingual.png'), fullPage: true });
  });
});
