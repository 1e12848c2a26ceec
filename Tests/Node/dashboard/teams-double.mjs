// A stand-in for Teams for the dashboard test: a Bot Connector on loopback that records what the bot posts and
// answers the roster, and the activities Teams would send (channel messages that @mention the bot, card clicks).
// The Playground is not needed here: the test drives the conversation, the browser only opens the dashboard.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { freePort } from '../support/ports.mjs';

export const botId = '28:concertationbot';
export const people = {
  nadia: { id: '29:nadia', name: 'Nadia Benali', aadObjectId: '6f1c2a52-4a54-4d0e-9f59-0d1b0a3b9e11', locale: 'fr-CA' },
  amelie: { id: '29:amelie', name: 'Amélie Tremblay', aadObjectId: '0a6e2c1d-7b1f-4a55-8d0e-2b7c9e3f4a10', locale: 'fr-CA' },
  bruno: { id: '29:bruno', name: 'Bruno Lambert', aadObjectId: '1b7f3d2e-8c20-4b66-9e1f-3c8d0f4a5b21', locale: 'fr-BE' },
  chris: { id: '29:chris', name: 'Chris Walker', aadObjectId: '2c804e3f-9d31-4c77-af20-4d9e105b6c32', locale: 'fr-CA' },
};

/** Starts the connector. Returns { url, posted (activities the bot sent, in order), stop() }. */
export async function startConnector() {
  const posted = [];
  const port = await freePort();
  let next = 0;
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const send = (body) => {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify(body));
      };
      if (request.method === 'GET' && /\/pagedmembers/.test(request.url)) {
        send({ members: Object.values(people).map(({ id, name, aadObjectId }) => ({ id, name, aadObjectId })) });
        return;
      }
      const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      if (request.method === 'POST' && /\/activities/.test(request.url)) posted.push(body);
      send({ id: `activity-${++next}` });
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    posted,
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The conversation of one test: posts Teams-shaped activities to the bot and reads its answers. */
export function conversation({ bot, connector }) {
  const unique = randomUUID().replaceAll('-', '').slice(0, 12);
  const conversationId = `19:${unique}@thread.tacv2`;
  const teamId = `19:team-${unique}@thread.tacv2`;

  const base = (type, person) => ({
    type,
    id: randomUUID().replaceAll('-', ''),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
    recipient: { id: botId, name: 'ConcertationBot' },
    conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
    locale: person.locale,
    channelData: {
      tenant: { id: 'tenant-1' },
      team: { id: teamId, name: 'Table de quartier Saint-Michel' },
      channel: { id: conversationId, name: 'General' },
    },
  });

  async function post(activity) {
    const response = await fetch(bot.messagesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    if (response.status !== 200 && response.status !== 202) throw new Error(`${response.status} from the bot: ${text}`);
    return text.length > 0 ? JSON.parse(text) : null;
  }

  /** A channel message that @mentions the bot; resolves with the first card the bot posts after it. */
  async function say(person, text) {
    const before = connector.posted.length;
    const activity = base('message', person);
    activity.text = `<at>ConcertationBot</at> ${text}`;
    activity.textFormat = 'plain';
    activity.entities = [
      { type: 'mention', text: '<at>ConcertationBot</at>', mentioned: { id: botId, name: 'ConcertationBot' } },
      { type: 'clientInfo', locale: person.locale, timezone: 'America/Montreal' },
    ];
    await post(activity);
    for (let waited = 0; connector.posted.length <= before; waited += 20) {
      if (waited > 15_000) throw new Error(`the bot posted nothing after "${text}"`);
      await delay(20);
    }
    return connector.posted[before].attachments?.[0]?.content;
  }

  /** Clicks the Action.Execute `verb` of `card` (the step's when given), with the inputs typed; resolves with the answer card. */
  async function click(person, card, verb, inputs = {}, replyToId = 'card-1') {
    const action = findAction(card, verb);
    if (!action) throw new Error(`no ${verb} action on ${JSON.stringify(card)}`);
    return invoke(person, verb, { ...(action.data ?? {}), ...inputs }, replyToId);
  }

  async function invoke(person, verb, data, replyToId = 'card-1') {
    const activity = base('invoke', person);
    activity.name = 'adaptiveCard/action';
    activity.replyToId = replyToId;
    activity.value = { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' };
    const answer = await post(activity);
    if (answer?.statusCode !== 200) throw new Error(`${verb}: ${JSON.stringify(answer)}`);
    return answer.value;
  }

  return { conversationId, say, click, invoke };
}

/** The first Action.Execute with this verb outside the card's refresh. */
export function findAction(node, verb) {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = findAction(item, verb);
      if (found) return found;
    }
    return null;
  }
  if (node && typeof node === 'object') {
    if (node.type === 'Action.Execute' && node.verb === verb) return node;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'refresh') continue;
      const found = findAction(value, verb);
      if (found) return found;
    }
  }
  return null;
}

/** The first Action.OpenUrl's url. */
export function openUrlOf(card) {
  return card.actions?.find((action) => action.type === 'Action.OpenUrl')?.url;
}
