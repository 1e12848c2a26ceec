// End to end: the coordinator opens the pulse in the team's General channel of the Playground and answers it,
// first on a desktop-sized window, then at phone width (400 px) where she re-opens and edits her answers.
// The Playground hands a channel post to the bot only when it @mentions the bot, so every command is posted
// with the mention. It always sends locale en-US: "langue français" fixes the channel's language first.
// The Playground's chat never narrows (cards stay 446 px in a 400 px window), so the phone run squeezes the cards
// to a phone's width (narrowCards) before taking them.
// Card-only screenshots go to TestResults/e2e/pulse-*.png and pulse-*-phone.png; pulse-channel*.png are whole windows.
// The review at phone width before and after the edit (pulse-review-phone.png, pulse-review-edited-phone.png) are the
// ones copied to docs/screenshots/review-card-phone-before.png and -after.png.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { channelSuite, desktop, phone, phoneCardWidth } from '../support/channel-suite.mjs';
import { cardShot, shot } from '../support/e2e-shots.mjs';
import { cardsWithText, clickCardButton, narrowCards, postInChannel, waitForCard } from '../support/playground-ui.mjs';

const channel = 'General';
const pulseTitle = 'Pouls de la table de quartier';
const languageHeading = 'Langue de la conversation';
const reviewHeading = 'Vérifiez vos réponses';
const summaryHeading = 'Synthèse du pouls';
// French typography: a narrow no-break space before "!" (and no-break spaces before ":").
const thanksHeading = /^Merci\s*!$/;
const stepKicker = (n) => new RegExp(`^Étape ${n} sur 8\\b`);

// Longer than the review shows whole (120 characters): the review shows its beginning and "…", the thank-you card and
// the step reached by "Modifier" the whole text.
const frein = "Les réunions tombent pendant les heures d'école : les parents n'y viennent pas 😕, " +
  'et les comptes-rendus arrivent trop tard pour qu’ils sachent ce qui a été décidé';
const showsShortened = (text, whole) => text.includes(whole.slice(0, 60)) && text.includes('…') && !text.includes(whole);
const levier = 'Le café-rencontre du jeudi à la bibliothèque, où élus et résidents se parlent ☕';
const ratingLine = /Votre note\s*:\s*4 \/ 5/;
const newLevier = 'Une salle prêtée par le CLSC, le soir';

const inBrowser = channelSuite(channel);

test('the pulse in the General channel: open, answer, review, send, re-open at phone width, close', { timeout: 600_000 }, async (t) => {
  let answered = false;
  await t.test('desktop: the coordinator opens the pulse and answers it', { timeout: 300_000 }, () =>
    inBrowser(desktop, 'pulse-desktop', async (page) => {
      await postInChannel(page, 'langue français');
      const languageCard = await waitForCard(page, languageHeading);
      assert.match(await languageCard.innerText(), /français/, 'the language card does not confirm French');

      await postInChannel(page, 'pulse démarrer');
      const pulseCard = await waitForCard(page, pulseTitle);
      const pulseText = await pulseCard.innerText();
      assert.match(pulseText, /Réponses jusqu.au /, `no deadline on the pulse card: ${pulseText}`);
      assert.match(pulseText, /\b0 réponse\b/, `no answer count on the pulse card: ${pulseText}`);
      await cardShot(pulseCard, 'pulse-card.png');
      await page.screenshot({ path: shot('pulse-channel.png') });

      // She declared no profile: the pulse offers the profile step once, before its first step; she passes it.
      await clickCardButton(pulseCard, 'Répondre');
      const profileStep = await waitForCard(page, /^Étape facultative avant le pouls/);
      await cardShot(profileStep, 'pulse-profile-step.png');
      await clickCardButton(profileStep, 'Passer');
      const step1 = await waitForCard(page, stepKicker(1));
      const step1Text = await step1.innerText();
      assert.match(step1Text, /Clarté des rôles/);
      assert.match(step1Text, /1 — pas du tout/);
      assert.match(step1Text, /5 — tout à fait/);
      assert.match(step1Text, /Je ne sais pas/);
      assert.equal(await step1.getByRole('button', { name: 'Retour', exact: true }).count(), 0, 'step 1 has a "Retour" button');
      await step1.getByRole('radio', { name: '4', exact: true }).check();
      await cardShot(step1, 'pulse-step1.png');
      await clickCardButton(step1, 'Suivant');

      const step2 = await waitForCard(page, stepKicker(2));
      assert.match(await step2.innerText(), /Agenda partagé/);
      await step2.getByLabel('Un frein (ce qui bloque)').fill(frein);
      await step2.getByLabel('Un levier (ce qui aide)').fill(levier);
      await cardShot(step2, 'pulse-step2.png');
      await clickCardButton(step2, 'Suivant');

      for (let n = 3; n <= 8; n += 1) {
        const step = await waitForCard(page, stepKicker(n));
        if (n === 7) await cardShot(step, 'pulse-step7.png');
        if (n === 8) await cardShot(step, 'pulse-step8.png');
        await clickCardButton(step, 'Passer');
      }

      const review = await waitForCard(page, reviewHeading);
      const reviewText = await review.innerText();
      assert.match(reviewText, ratingLine, `the review does not show the rating: ${reviewText}`);
      assert.ok(showsShortened(reviewText, frein), `the review does not show the long frein's beginning and "…": ${reviewText}`);
      assert.ok(reviewText.includes(levier), `the review does not show the levier as typed: ${reviewText}`);
      assert.match(reviewText, /Sans réponse/, 'skipped steps are not marked "Sans réponse"');
      assert.doesNotMatch(reviewText, /Passé/, 'a skipped step still reads "Passé" (as in "past")');
      assert.equal(await review.getByRole('button', { name: 'Modifier', exact: true }).count(), 8, 'one "Modifier" per step');
      await cardShot(review, 'pulse-review.png');
      // "Envoyer" is at the top and at the end of the review (phone width): both send; the end one is pressed here.
      assert.equal(await review.getByRole('button', { name: 'Envoyer', exact: true }).count(), 2, '"Envoyer" is not at the top and the end');
      await review.getByRole('button', { name: 'Envoyer', exact: true }).last().click();

      // The answer goes live: the bot updates the posted pulse card ("1 réponse"). Teams then refreshes each
      // respondent's own view; the Playground has no refresh, so the update replaces her thank-you card and
      // "Répondre" brings her own view (the thank-you card) back.
      const counted = await waitForCard(page, /^1 réponse$/);
      await cardShot(counted, 'pulse-card-counted.png');
      await clickCardButton(counted, 'Répondre');
      const thanks = await waitForCard(page, thanksHeading);
      const thanksText = await thanks.innerText();
      assert.match(thanksText, ratingLine, `the thank-you card does not show the rating: ${thanksText}`);
      assert.ok(thanksText.includes(frein), `the thank-you card does not show the frein exactly: ${thanksText}`);
      assert.ok(thanksText.includes(levier), `the thank-you card does not show the levier exactly: ${thanksText}`);
      assert.equal(await thanks.getByRole('button', { name: 'Modifier mes réponses', exact: true }).count(), 1);
      await cardShot(thanks, 'pulse-thanks.png');
      answered = true;
    }),
  );

  await t.test('phone width: she re-opens the pulse, sees her answers and edits them', { timeout: 300_000 }, (sub) => {
    if (!answered) {
      sub.skip('the desktop run did not answer the pulse');
      return undefined;
    }
    // A new browser starts with an empty channel view: asking for the pulse again posts the open pulse's card.
    return inBrowser(phone, 'pulse-phone', async (page) => {
      await postInChannel(page, 'pulse démarrer');
      const pulseCard = await waitForCard(page, pulseTitle);
      const pulseText = await pulseCard.innerText();
      assert.match(pulseText, /déjà ouvert/, `the card does not say a pulse is already open: ${pulseText}`);
      assert.match(pulseText, /\b1 réponse\b/, `the answer count is not 1: ${pulseText}`);
      await cardShot(pulseCard, 'pulse-card-phone.png');
      await page.screenshot({ path: shot('pulse-channel-phone.png') });

      await clickCardButton(pulseCard, 'Répondre');
      const thanks = await waitForCard(page, thanksHeading);
      const thanksText = await thanks.innerText();
      assert.match(thanksText, ratingLine);
      assert.ok(thanksText.includes(frein), `the thank-you card lost the frein: ${thanksText}`);
      assert.ok(thanksText.includes(levier), `the thank-you card lost the levier: ${thanksText}`);
      await cardShot(thanks, 'pulse-thanks-phone.png');

      await clickCardButton(thanks, 'Modifier mes réponses');
      let review = await waitForCard(page, reviewHeading);
      const beforeText = await review.innerText();
      assert.match(beforeText, /Déjà envoyées/);
      assert.match(beforeText, ratingLine, `the phone review does not show the rating: ${beforeText}`);
      assert.ok(showsShortened(beforeText, frein), `the phone review does not show the long frein's beginning and "…": ${beforeText}`);
      assert.ok(beforeText.includes(levier), `the phone review does not show the levier: ${beforeText}`);
      await cardShot(review, 'pulse-review-phone.png');

      await review.getByRole('button', { name: 'Modifier', exact: true }).nth(0).click();
      const step1 = await waitForCard(page, stepKicker(1));
      assert.ok(await step1.getByRole('radio', { name: '4', exact: true }).isChecked(), 'the rating 4 is not pre-selected');
      assert.equal(await step1.getByRole('button', { name: 'Enregistrer', exact: true }).count(), 1);
      await cardShot(step1, 'pulse-step1-phone.png');
      await clickCardButton(step1, 'Retour');

      review = await waitForCard(page, reviewHeading);
      await review.getByRole('button', { name: 'Modifier', exact: true }).nth(1).click();
      const step2 = await waitForCard(page, stepKicker(2));
      assert.equal(await step2.getByLabel('Un frein (ce qui bloque)').inputValue(), frein);
      assert.equal(await step2.getByLabel('Un levier (ce qui aide)').inputValue(), levier);
      assert.equal(await step2.getByRole('button', { name: 'Passer', exact: true }).count(), 0, 'editing offers "Passer", which used to erase');
      assert.equal(await step2.getByRole('button', { name: 'Effacer cette réponse', exact: true }).count(), 1);
      await cardShot(step2, 'pulse-step2-phone.png');
      // She edits the levier only: the frein, the rating and every other answer stay as they were.
      await step2.getByLabel('Un levier (ce qui aide)').fill(newLevier);
      await clickCardButton(step2, 'Enregistrer');

      review = await waitForCard(page, reviewHeading);
      const editedText = await review.innerText();
      assert.ok(editedText.includes(newLevier), `the review does not show the edited levier: ${editedText}`);
      assert.ok(!editedText.includes(levier), `the review still shows the old levier: ${editedText}`);
      assert.ok(showsShortened(editedText, frein), `the edit lost the frein: ${editedText}`);
      assert.match(editedText, ratingLine, `the edit lost the rating: ${editedText}`);
      await cardShot(review, 'pulse-review-edited-phone.png');
      await review.getByRole('button', { name: 'Modifier', exact: true }).nth(6).click();
      const step7 = await waitForCard(page, stepKicker(7));
      await cardShot(step7, 'pulse-step7-phone.png');
      await clickCardButton(step7, 'Retour');

      review = await waitForCard(page, reviewHeading);
      assert.equal(await review.getByRole('button', { name: 'Mettre à jour', exact: true }).count(), 2, '"Mettre à jour" is not at the top and the end');
      await review.getByRole('button', { name: 'Mettre à jour', exact: true }).first().click();
      const updated = await waitForCard(page, thanksHeading);
      const updatedText = await updated.innerText();
      assert.ok(updatedText.includes(frein));
      assert.ok(updatedText.includes(newLevier), `the sent answers lost the edited levier: ${updatedText}`);
      assert.match(updatedText, ratingLine);
      assert.equal(await cardsWithText(page, reviewHeading).count(), 0, 'the review card is still shown after "Mettre à jour"');
    }, { cardWidth: phoneCardWidth });
  });

  await t.test('the coordinator closes the pulse and the summary card is posted', { timeout: 300_000 }, (sub) => {
    if (!answered) {
      sub.skip('the desktop run did not answer the pulse');
      return undefined;
    }
    return inBrowser(desktop, 'pulse-summary', async (page) => {
      await postInChannel(page, 'pulse clore');
      const summary = await waitForCard(page, summaryHeading);
      const text = await summary.innerText();
      // One answer is under the small-group rule (k = 3): no distribution and no free text, since in a small
      // table a sentence names its writer; the card says why instead.
      assert.match(text, /1 réponse/, `no participation on the summary: ${text}`);
      assert.match(text, /Pas assez de réponses/, `the k rule did not hide the distribution: ${text}`);
      assert.match(text, /Pas assez de réponses pour afficher les textes \(minimum 3\)/, `the k rule did not say why the texts are hidden: ${text}`);
      assert.ok(!text.includes(newLevier), `the summary shows a lone respondent's levier: ${text}`);
      assert.ok(!text.includes(frein.slice(0, 40)), `the summary shows a lone respondent's frein: ${text}`);
      assert.ok(!text.includes('Nadia'), 'the summary names a respondent');
      await cardShot(summary, 'pulse-summary.png');
      await narrowCards(page, phoneCardWidth);
      await cardShot(summary, 'pulse-summary-phone.png');
    });
  });
});
