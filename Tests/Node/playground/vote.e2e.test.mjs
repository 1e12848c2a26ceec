// End to end: the coordinator opens a priority vote in the team's General channel of the Playground, votes, and
// watches the live card count her ballot; she changes her vote and the bars move; "vote clore" turns the card into the
// ranking and posts one short notice. She votes alone, so both votes are opened with "résultats publics" (otherwise the
// small-group rule shows participation only under 3 ballots).
// Then, at phone width, a dot vote (3 points to spread) is opened, voted with the number fields and closed.
// The Playground has no card refresh: the live update (PUT) replaces her confirmation with the shared card,
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
const dotQuestion = 'Où mettre nos efforts cet hiver';
const ballotKicker = 'Votre bulletin';
const resultsHeading = 'Résultats du vote';
const closedNotice = /^Vote clos\s*:\s*1 vote$/;

const inBrowser = channelSuite(channel);

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

test('a priority vote in the General channel: open, vote, counts change, change the vote, close; dot vote at phone width', { timeout: 600_000 }, async (t) => {
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
      await cardShot(opened, 'vote-card.png');
      await page.screenshot({ path: shot('vote-channel.png') });

      await clickCardButton(opened, 'Voter');
      const ballot = await waitForCard(page, ballotKicker);
      await ballot.getByRole('radio', { name: 'Mobilité', exact: true }).check();
      await cardShot(ballot, 'vote-ballot.png');
      await clickCardButton(ballot, 'Envoyer mon vote');

      // The ballot is counted on the channel's card: 1 vote, all of it on Mobilité.
      const counted = await liveCard(page, question, '1 vote');
      const countedText = await counted.innerText();
      assert.match(countedText, /Mobilité\s*\n[^\n]*\b1 · 100\s*%/, `Mobilité does not have the vote: ${countedText}`);
      assert.match(countedText, /Logement\s*\n[^\n]*\b0 · 0\s*%/, `Logement is not at 0: ${countedText}`);
      await cardShot(counted, 'vote-card-counted.png');

      // She changes her mind: the form comes back with her ballot, and the bars move to Logement.
      await clickCardButton(counted, 'Voter');
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
      assert.equal(await results.getByRole('button', { name: 'Voter', exact: true }).count(), 0, 'the closed vote still offers "Voter"');
      await cardShot(results, 'vote-results.png');
    }),
  );

  await t.test('phone width: dot voting', { timeout: 300_000 }, () =>
    inBrowser(phone, 'vote-phone', async (page) => {
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
      const results = await waitForCard(page, resultsHeading);
      assert.match(await results.innerText(), /1\.\s*Jardin collectif/);
      await cardShot(results, 'vote-dot-results-phone.png');
    }, { cardWidth: phoneCardWidth }),
  );
});
