using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ConcertationBot.Load;

/// <summary>A Teams user as activities describe them.</summary>
public sealed record TeamsUser(string Id, string Name, string AadObjectId);

/// <summary>What one activity sent to the bot got back, and how long it took.</summary>
public sealed record BotAnswer(int Status, string Body, TimeSpan Latency);

/// <summary>
/// One Teams channel of one team, as Teams delivers its activities to the bot's <c>/api/messages</c>: channel messages
/// that @mention the bot, and <c>adaptiveCard/action</c> invokes.
/// </summary>
public sealed class TeamsChannel(HttpClient bot, string serviceUrl, string tenantId, string teamId, string conversationId)
{
    public const string BotId = "28:concertationbot";
    public const string BotName = "ConcertationBot";

    public string ConversationId => conversationId;

    /// <summary>The same channel delivered to another instance of the bot (<paramref name="otherBot"/> is bound to its address).</summary>
    public TeamsChannel Through(HttpClient otherBot) => new(otherBot, serviceUrl, tenantId, teamId, conversationId);

    public JsonObject Message(TeamsUser from, string text)
    {
        var activity = Base("message", from);
        activity["text"] = $"<at>{BotName}</at> {text}";
        activity["textFormat"] = "plain";
        activity["entities"] = new JsonArray(
            new JsonObject
            {
                ["type"] = "mention",
                ["text"] = $"<at>{BotName}</at>",
                ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            },
            new JsonObject { ["type"] = "clientInfo", ["locale"] = "fr-CA", ["timezone"] = "America/Montreal" });
        return activity;
    }

    public JsonObject CardAction(TeamsUser from, string verb, JsonObject data, string replyToId)
    {
        var activity = Base("invoke", from);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = replyToId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return activity;
    }

    public async Task<BotAnswer> SendAsync(JsonObject activity, CancellationToken cancellationToken)
    {
        using var content = new StringContent(activity.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await bot.PostAsync(new Uri("api/messages", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new BotAnswer((int)response.StatusCode, body, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException ex)
        {
            return new BotAnswer(0, ex.Message, Stopwatch.GetElapsedTime(started));
        }
    }

    private JsonObject Base(string type, TeamsUser from) => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = from.Id, ["name"] = from.Name, ["aadObjectId"] = from.AadObjectId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
        ["conversation"] = new JsonObject
        {
            ["id"] = conversationId,
            ["conversationType"] = "channel",
            ["isGroup"] = true,
            ["tenantId"] = tenantId,
        },
        ["locale"] = "fr-CA",
        ["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = tenantId },
            ["team"] = new JsonObject { ["id"] = teamId, ["name"] = "Table de quartier (charge)" },
            ["channel"] = new JsonObject { ["id"] = conversationId, ["name"] = "General" },
        },
    };
}
