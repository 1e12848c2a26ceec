// End to end (issue #16): a bilingual table in the team's General channel of the Playground. The coordinator makes the
// channel bilingual, opens a rencontre, sets up a pulse with four of the five conditions, answers it and closes it.
// Cards posted for everyone carry French first and English beneath; what she sees alone (the setup form, her steps)
// is in her own Teams language, which the Playground always sends as en-US.
// Card-only screenshots: TestResults/e2e/bilingual-pulse-card.png, bilingual-summary.png and their -phone.png
// versions (cards squeezed to a phone's width, as pulse.e2e.test.mjs does; the Playground never narrows its chat).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { channelSuite, desktop, phone, phoneCardWidth } from '../support/channel-suite.mjs';
import { cardShot, shot } from '../support/e2e-shots.mjs';
import { clickCardButton, narrowCards, postInChannel, waitForCard } from '../support/playground-ui.mjs';

const inBrowser = channelSuite('General');
const stepKicker = (n) => new RegExp(`^Step ${n} of \\d+\\b`);
const left = { english: 'Shared measurement', french: 'Mesures partagées' };

test('a bilingual pulse in the General channel: rencontre, setup of four conditions, answer, close', { timeout: 600_000 }, () =>
  inBrowser(desktop, 'bilingual', async (page) => {
    await postInChannel(page, 'langue bilingue');
    const language = await waitForCard(page, /Cette conversation est désormais bilingue/);
    assert.match(await language.innerText(), /This conversation is now bilingual/);

    await postInChannel(page, 'rencontre 14 septembre : Mobilité des aînés | Seniors getting around');
    const rencontre = await waitForCard(page, /^Rencontre du 14 septembre/);
    const rencontreText = await rencontre.innerText();
    assert.match(rencontreText, /Meeting of /, `the rencontre card is not bilingual: ${rencontreText}`);

    // The setup card everyone sees is bilingual; the form it opens is the coordinator's own, in her language.
    await postInChannel(page, 'pulse configurer');
    const setup = await waitForCard(page, 'Configurer le pouls');
    await clickCardButton(setup, 'Ouvrir la configuration / Open the setup');
    const form = await waitForCard(page, /^Choose what the pulse will ask/);
    await form.getByRole('checkbox', { name: left.english, exact: true }).uncheck();
    await clickCardButton(form, 'Open the pulse');

    const pulseCard = await waitForCard(page, /Pouls de la table de quartier/);
    const pulseText = await pulseCard.innerText();
    assert.match(pulseText, /Round table pulse/, `the pulse card is not bilingual: ${pulseText}`);
    assert.match(pulseText, /0 réponse/, `no French answer count: ${pulseText}`);
    assert.match(pulseText, /0 answers?/, `no English answer count: ${pulseText}`);
    await cardShot(pulseCard, 'bilingual-pulse-card.png');
    await page.screenshot({ path: shot('bilingual-channel.png') });

    // Her own steps, in English: the profile step offered once to someone who declared none (skipped), then role
    // clarity 4, everything else skipped.
    await clickCardButton(pulseCard, 'Répondre / Answer');
    const profileStep = await waitForCard(page, /^Optional step before the pulse/);
    await clickCardButton(profileStep, 'Skip');
    const first = await waitForCard(page, stepKicker(1));
    const total = Number((await first.innerText()).match(/Step 1 of (\d+)/)[1]);
    for (let n = 1; n <= total; n += 1) {
      const step = await waitForCard(page, stepKicker(n));
      const text = await step.innerText();
      assert.ok(!text.includes(left.english), `step ${n} asks about the condition left out: ${text}`);
      if (text.includes('Role clarity')) {
        await step.getByRole('radio', { name: '4', exact: true }).check();
        await clickCardButton(step, 'Next');
      } else {
        await clickCardButton(step, 'Skip');
      }
    }

    const review = await waitForCard(page, 'Check your answers');
    await review.getByRole('button', { name: 'Send', exact: true }).last().click();
    await waitForCard(page, /^1 réponse$/);

    await postInChannel(page, 'pulse clore');
    const summary = await waitForCard(page, /Synthèse du pouls/);
    const summaryText = await summary.innerText();
    assert.match(summaryText, /Pulse summary/, `the summary is not bilingual: ${summaryText}`);
    assert.match(summaryText, /Pas assez de réponses pour afficher les textes \(minimum 3\)/, `no French k-rule line: ${summaryText}`);
    assert.ok(!summaryText.includes(left.french) && !summaryText.includes(left.english), `the summary shows the condition left out: ${summaryText}`);
    await cardShot(summary, 'bilingual-summary.png');

    await page.setViewportSize(phone);
    await narrowCards(page, phoneCardWidth);
    await cardShot(summary, 'bilingual-summary-phone.png');
    await cardShot(await waitForCard(page, /Pouls de la table de quartier/), 'bilingual-pulse-card-phone.png');
  }),
);
