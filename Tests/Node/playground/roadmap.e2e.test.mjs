// End to end (issue #17): a closed vote's result goes to the feuille de route in the team's General channel of the
// Playground. The coordinator opens a single-choice priority vote, votes in one click, closes it, clicks "Ajouter à la
// feuille de route" on the results card (the card becomes her own view of the feuille de route, saying what was added),
// then posts "feuille de route": the channel's card lists the vote's top option under "Court terme", "À venir".
// Then, at phone width, a second vote goes the same way and the feuille de route holds both.
// She votes alone, so the votes are opened with "résultats publics" (otherwise the small-group rule withholds the
// ranking under 3 ballots, and there is nothing to add). The Playground always sends locale en-US: "langue français"
// fixes the language first. It has no card refresh, so "feuille de route" shows the card the whole channel sees.
// Card-only screenshots go to TestResults/e2e/roadmap-*.png; roadmap-channel*.png are whole windows. The channel's
// feuille de route at desktop and phone width (roadmap-card.png, roadmap-card-phone.png) are the ones copied to
// docs/screenshots/ under the same names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { channelSuite, desktop, phone, phoneCardWidth } from '../support/channel-suite.mjs';
import { cardShot, shot } from '../support/e2e-shots.mjs';
import { cardsWithHeading, clickCardButton, postInChannel, waitForCard } from '../support/playground-ui.mjs';

const channel = 'General';
const languageHeading = 'Langue de la conversation';
const noBallotYet = "Aucun vote pour l'instant";
const resultsHeading = 'Résultats du vote';
const addToRoadmap = 'Ajouter à la feuille de route';
const roadmapHeading = 'Feuille de route';
const addedNotice = 'Les options en tête du vote sont ajoutées au court terme.';
const closedNotice = /^Vote clos\s*:\s*1 vote$/;

const desktopVote = {
  question: 'Nos priorités pour 2027',
  options: ['Logement abordable', 'Mobilité active', 'Emploi des jeunes'],
  choice: 'Logement abordable',
};
const phoneVote = {
  question: 'Quel projet porter ensemble cet hiver',
  options: ['Jardin collectif', 'Aide aux devoirs', 'Fête de quartier'],
  choice: 'Aide aux devoirs',
};

const inBrowser = channelSuite(channel);

/**
 * Opens `vote` (single choice, results public), votes `vote.choice` in one click on the shared card, closes it and
 * returns the results card of this vote (the notice "Vote clos : 1 vote" of an earlier vote may be on the page too).
 */
async function closedVote(page, vote) {
  await postInChannel(page, `vote résultats publics ${vote.question} : ${vote.options.join(' ; ')}`);
  const opened = await cardOf(page, vote.question, noBallotYet);
  await clickCardButton(opened, vote.choice);
  await cardOf(page, vote.question, '1 vote');

  await postInChannel(page, 'vote clore');
  await waitForCard(page, closedNotice);
  const results = await cardOf(page, vote.question, resultsHeading);
  const resultsText = await results.innerText();
  assert.match(resultsText, new RegExp(`1\\.\\s*${vote.choice}`), `${vote.choice} is not first: ${resultsText}`);
  return results;
}

/**
 * The last card holding a text block that reads exactly `question` and one that reads exactly `line`, once there is one
 * (a card replaced in place, by an invoke answer or the live update, is found again by its new text).
 */
async function cardOf(page, question, line) {
  const card = cardsWithHeading(page, question)
    .filter({ has: page.locator('.ac-textBlock').getByText(line, { exact: true }) })
    .last();
  await card.waitFor({ state: 'visible', timeout: 60_000 });
  return card;
}

/**
 * Posts "feuille de route" and returns the card it brings: headed "Feuille de route", without the notice of her own
 * views, listing every one of `items`. Found by its content, not its place: the Playground's channel shows the newest
 * post first, and a card replaced in place (her own view) stays in its older post.
 */
async function postedRoadmap(page, items) {
  await postInChannel(page, 'feuille de route');
  let card = cardsWithHeading(page, roadmapHeading).filter({ hasNot: page.locator('.ac-textBlock').getByText(addedNotice, { exact: true }) });
  for (const item of items) card = card.filter({ has: page.getByText(item, { exact: true }) });
  await card.first().waitFor({ state: 'visible', timeout: 60_000 });
  assert.equal(await card.count(), 1, `more than one channel card lists ${items.join(', ')}`);
  return card.first();
}

/** The lines of the roadmap card from "Court terme" up to the next horizon. */
function courtTerme(text) {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  const start = lines.indexOf('Court terme');
  const end = lines.indexOf('Moyen terme');
  assert.ok(start >= 0 && end > start, `no "Court terme" section before "Moyen terme": ${text}`);
  return lines.slice(start + 1, end);
}

test('a vote result added to the feuille de route in the General channel, shown at desktop and phone width', { timeout: 600_000 }, async (t) => {
  await t.test('desktop: vote, close, add the result, show the feuille de route', { timeout: 300_000 }, () =>
    inBrowser(desktop, 'roadmap-desktop', async (page) => {
      await postInChannel(page, 'langue français');
      await waitForCard(page, languageHeading);

      const results = await closedVote(page, desktopVote);
      assert.equal(await results.getByRole('button', { name: addToRoadmap, exact: true }).count(), 1, 'the closed vote card offers no "Ajouter à la feuille de route"');
      await cardShot(results, 'roadmap-vote-results.png');

      // Her click turns the results card into her own view of the feuille de route, saying what was added.
      await clickCardButton(results, addToRoadmap);
      const own = await waitForCard(page, addedNotice);
      const ownText = await own.innerText();
      assert.ok(courtTerme(ownText).includes(desktopVote.choice), `her view does not list ${desktopVote.choice} in the short term: ${ownText}`);
      await cardShot(own, 'roadmap-added-from-vote.png');

      const roadmap = await postedRoadmap(page, [desktopVote.choice]);
      const text = await roadmap.innerText();
      const court = courtTerme(text);
      assert.ok(court.includes(desktopVote.choice), `the feuille de route does not list ${desktopVote.choice} in the short term: ${text}`);
      assert.ok(court.some((line) => /À venir/.test(line)), `the item is not "À venir": ${text}`);
      for (const other of desktopVote.options.filter((o) => o !== desktopVote.choice)) {
        assert.ok(!text.includes(other), `the feuille de route lists ${other}, which was not first: ${text}`);
      }
      await cardShot(roadmap, 'roadmap-card.png');
      await page.screenshot({ path: shot('roadmap-channel.png') });
    }),
  );

  await t.test('phone width: a second vote added, the feuille de route holds both', { timeout: 300_000 }, () =>
    inBrowser(phone, 'roadmap-phone', async (page) => {
      const results = await closedVote(page, phoneVote);
      const button = await results.getByRole('button', { name: addToRoadmap, exact: true }).boundingBox();
      assert.ok(button && button.x + button.width <= phone.width, `the button does not fit the phone: ${JSON.stringify(button)}`);
      await cardShot(results, 'roadmap-vote-results-phone.png');

      await clickCardButton(results, addToRoadmap);
      // The desktop run's own view says the same: wait for the one that lists this vote's option.
      const own = cardsWithHeading(page, roadmapHeading)
        .filter({ has: page.locator('.ac-textBlock').getByText(addedNotice, { exact: true }) })
        .filter({ hasText: phoneVote.choice })
        .last();
      await own.waitFor({ state: 'visible', timeout: 60_000 });
      await cardShot(own, 'roadmap-added-from-vote-phone.png');

      const roadmap = await postedRoadmap(page, [desktopVote.choice, phoneVote.choice]);
      const text = await roadmap.innerText();
      const court = courtTerme(text);
      assert.ok(court.includes(desktopVote.choice) && court.includes(phoneVote.choice), `the short term does not hold both items: ${text}`);
      const box = await roadmap.boundingBox();
      assert.ok(box && box.width <= phoneCardWidth + 1, `the card is wider than a phone's: ${JSON.stringify(box)}`);
      await cardShot(roadmap, 'roadmap-card-phone.png');
      await page.screenshot({ path: shot('roadmap-channel-phone.png') });
    }, { cardWidth: phoneCardWidth }),
  );
});
