// End to end: the coordinator opens a single-choice priority vote in the team's General channel of the Playground and
// votes in one click on an option's button on the shared card; the live card counts her ballot; she changes her vote
// from "Mon bulletin" (the ballot form) and the bars move; "vote clore" turns the card into the ranking and posts one
// short notice. She votes alone, so the votes are opened with "résultats publics" (otherwise the small-group rule
// shows participation only under 3 ballots).
// Then, at phone width, a single-choice vote is cast in one click and closed, and a dot vote (3 points to spread) is
// opened, voted with the number fields and closed.
// The Playground has no card refresh: the live update (PUT) replaces her own view with the shared card,
// which is what the whole channel sees. It always sends locale en-US: "langue français" fixes the language first.
// Card-only screenshots go to TestResults/e2e/vote-*.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { channelSuite, desktop, phone, phoneCardWidth } from '../support/channel-suite.mjs';
import { cardShot, shot } from '../support/e2e-shots.mjs';
import { clickCardButton, postInChannel, waitForCard } from '../support/playground-ui.mjs';

const channel = 'General';
const languageHeading = 'Langue de la conversation';
const question = 'Nos priorités pour 2027';
const phoneQuestion = 'Quel lieu pour la prochaine rencontre';
const myBallot = 'Mon bulletin';
const ownViewLine = 'Votre vote est enregistré';
const dotQuestion = 'Où mettre nos efforts cet hiver';
const ballotKicker = 'Votre bulletin';
const resultsHeading = 'Résultats du vote';
const closedNotice = /^Vote clos\s*:\s*1 vote$/;

const inBrowser = channelSuite(channel);

/**
 * Waits until the channel's card (not a voter's own view) for `heading` shows `optionPattern` (an option and its bar
 * line, matched on innerText: Playwright's hasText reads textContent, without line breaks). Returns its text, and a
 * locator of the last card headed `heading` that is not an own view (the Playground may render a card again, so no
 * element handle is kept).
 */
async function sharedCardShowing(page, heading, optionPattern) {
  const found = await page.waitForFunction(
    ({ heading, source, ownViewLine }) => {
      const card = [...document.querySelectorAll('.ac-adaptiveCard')].reverse().find((c) =>
        c.innerText.includes(heading) && !c.innerText.includes(ownViewLine) && new RegExp(source).test(c.innerText));
      return card ? card.innerText : null;
    },
    { heading, source: optionPattern.source, ownViewLine },
    { timeout: 60_000 },
  );
  const text = await found.jsonValue();
  const card = page
    .locator('.ac-adaptiveCard')
    .filter({ has: page.locator('.ac-textBlock').getByText(heading, { exact: true }) })
    .filter({ hasNot: page.locator('.ac-textBlock').getByText(ownViewLine, { exact: true }) })
    .last();
  return { text, card };
}

/** The live vote card once it reads `participation` ("1 vote") — the last card with both the question and that line. */
async function liveCard(page, heading, participation) {
  await waitForCard(page, participation);
  const card = page
    .locator('.ac-adaptiveCard')
    .filter({ has: page.locator('.ac-textBlock').getByText(heading, { exact: true }) })
    .filter({ has: page.locator('.ac-textBlock').getByText(participation, { exact: true }) })
    .last();
  await card.waitFor({ state: 'visible', timeout: 60_000 });
  return card;
}

test('a priority vote in the General channel: open, vote in one click, counts change, change the vote, close; one click and dot vote at phone width', { timeout: 600_000 }, async (t) => {
  await t.test('desktop: single choice', { timeout: 300_000 }, () =>
    inBrowser(desktop, 'vote-desktop', async (page) => {
      await postInChannel(page, 'langue français');
      await waitForCard(page, languageHeading);

      await postInChannel(page, `vote résultats publics ${question} : Logement ; Mobilité ; Emploi des jeunes`);
      const opened = await liveCard(page, question, "Aucun vote pour l'instant");
      const openedText = await opened.innerText();
      for (const option of ['Logement', 'Mobilité', 'Emploi des jeunes']) {
        assert.ok(openedText.includes(option), `the vote card does not list ${option}: ${openedText}`);
      }
      // Single choice: one button per option on the shared card, and "Mon bulletin" instead of "Voter".
      for (const option of ['Logement', 'Mobilité', 'Emploi des jeunes']) {
        assert.equal(await opened.getByRole('button', { name: option, exact: true }).count(), 1, `no button for ${option}`);
      }
      assert.equal(await opened.getByRole('button', { name: 'Voter', exact: true }).count(), 0, 'the single-choice card still offers "Voter"');
      await cardShot(opened, 'vote-card.png');
      await page.screenshot({ path: shot('vote-channel.png') });

      // One click on "Mobilité" casts the ballot: the channel's card counts it, 1 vote, all of it on Mobilité.
      await clickCardButton(opened, 'Mobilité');
      const { text: countedText, card: counted } = await sharedCardShowing(page, question, /Mobilité\s*\n[^\n]*\b1 · 100\s*%/);
      assert.match(countedText, /\n1 vote\n/, `the count is not 1 vote: ${countedText}`);
      assert.match(countedText, /Logement\s*\n[^\n]*\b0 · 0\s*%/, `Logement is not at 0: ${countedText}`);
      await cardShot(counted, 'vote-card-counted.png');
      await page.screenshot({ path: shot('vote-one-click-desktop.png') });

      // She changes her mind from her ballot: the form comes back with her choice, and the bars move to Logement.
      await clickCardButton(counted, myBallot);
      const again = await waitForCard(page, ballotKicker);
      assert.ok(await again.getByRole('radio', { name: 'Mobilité', exact: true }).isChecked(), 'her ballot is not pre-selected');
      await again.getByRole('radio', { name: 'Logement', exact: true }).check();
      await clickCardButton(again, 'Modifier mon vote');
      await page.waitForFunction(
        (heading) => [...document.querySelectorAll('.ac-adaptiveCard')].some((card) => card.innerText.includes(heading) && /Logement\s*\n[^\n]*\b1 · 100\s*%/.test(card.innerText)),
        question,
        { timeout: 60_000 },
      );
      const changed = await liveCard(page, question, '1 vote');
      const changedText = await changed.innerText();
      assert.match(changedText, /Mobilité\s*\n[^\n]*\b0 · 0\s*%/, `Mobilité kept the vote: ${changedText}`);
      await cardShot(changed, 'vote-card-changed.png');

      await postInChannel(page, 'vote clore');
      await waitForCard(page, closedNotice);
      const results = await waitForCard(page, resultsHeading);
      const resultsText = await results.innerText();
      assert.match(resultsText, /1\.\s*Logement/, `Logement is not first: ${resultsText}`);
      assert.match(resultsText, /2\.\s*\(ex æquo\)\s*Mobilité/, `the tie for second is not shown: ${resultsText}`);
      // The closed card offers no vote button; its one action adds the result to the feuille de route.
      const buttons = await results.getByRole('button').allInnerTexts();
      assert.deepEqual(buttons.map((b) => b.trim()).filter((b) => !/feuille de route|roadmap/i.test(b)), [], `the closed vote still offers a vote button: ${buttons}`);
      assert.equal(buttons.length, 1, `the closed vote offers one button, to the feuille de route: ${buttons}`);
      await cardShot(results, 'vote-results.png');
    }),
  );

  await t.test('phone width: single choice in one click, then dot voting', { timeout: 300_000 }, () =>
    inBrowser(phone, 'vote-phone', async (page) => {
      // Single choice in one click at phone width: the option buttons stack, one a row.
      await postInChannel(page, `vote résultats publics ${phoneQuestion} : Centre communautaire ; Bibliothèque du quartier ; École primaire Saint-Pascal-Baylon`);
      const single = await liveCard(page, phoneQuestion, "Aucun vote pour l'instant");
      const tops = [];
      for (const option of ['Centre communautaire', 'Bibliothèque du quartier', 'École primaire Saint-Pascal-Baylon']) {
        const box = await single.getByRole('button', { name: option, exact: true }).boundingBox();
        assert.ok(box && box.x + box.width <= phone.width, `the ${option} button does not fit the phone: ${JSON.stringify(box)}`);
        tops.push(box.y);
      }
      assert.ok(tops[0] < tops[1] && tops[1] < tops[2], `the option buttons are not one a row: ${tops}`);
      await cardShot(single, 'vote-one-click-card-phone.png');

      await clickCardButton(single, 'Bibliothèque du quartier');
      const { text: singleText, card: singleCounted } = await sharedCardShowing(page, phoneQuestion, /Bibliothèque du quartier\s*\n[^\n]*\b1 · 100\s*%/);
      assert.match(singleText, /\n1 vote\n/, `the count is not 1 vote: ${singleText}`);
      await cardShot(singleCounted, 'vote-one-click-counted-phone.png');
      await page.screenshot({ path: shot('vote-one-click-phone.png') });
      await postInChannel(page, 'vote clore');
      // The desktop run's notice is in the channel too: wait for this vote's ranking before opening the next one.
      await sharedCardShowing(page, phoneQuestion, /1\.\s*Bibliothèque du quartier/);

      await postInChannel(page, `vote points 3 résultats publics ${dotQuestion} : Jardin collectif ; Aide aux devoirs ; Fête de quartier`);
      const opened = await liveCard(page, dotQuestion, "Aucun vote pour l'instant");
      assert.match(await opened.innerText(), /3 points à répartir/);
      await cardShot(opened, 'vote-dot-card-phone.png');

      await clickCardButton(opened, 'Voter');
      const ballot = await waitForCard(page, ballotKicker);
      await ballot.getByLabel('Jardin collectif').fill('2');
      await ballot.getByLabel('Fête de quartier').fill('1');
      await cardShot(ballot, 'vote-dot-ballot-phone.png');
      await clickCardButton(ballot, 'Envoyer mon vote');

      const counted = await liveCard(page, dotQuestion, '1 vote');
      const countedText = await counted.innerText();
      assert.match(countedText, /Jardin collectif\s*\n[^\n]*\b2 points/, `the 2 points are not shown: ${countedText}`);
      assert.match(countedText, /Fête de quartier\s*\n[^\n]*\b1 point\b/, `the 1 point is not shown: ${countedText}`);
      await cardShot(counted, 'vote-dot-counted-phone.png');

      await postInChannel(page, 'vote clore');
      // The first vote's results are on the page too: wait for this vote's.
      const { text: resultsText } = await sharedCardShowing(page, dotQuestion, /1\.\s*Jardin collectif/);
      assert.match(resultsText, new RegExp(resultsHeading));
      const results = await waitForCard(page, resultsHeading);
      await cardShot(results, 'vote-dot-results-phone.png');
    }, { cardWidth: phoneCardWidth }),
  );
});
