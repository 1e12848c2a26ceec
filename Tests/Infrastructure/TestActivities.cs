using System.Net.Http.Headers;

namespace ConcertationBot.Tests.Infrastructure;

/// <summary>Builders for the JSON of activities as Teams (or the Agents Playground) sends them.</summary>
internal static class TestActivities
{
    public const string BotId = "28:concertationbot";
    public const string UserId = "29:nadia";

    public static JsonObject Message(string text, string locale = "fr-CA", string conversationType = "personal", string serviceUrl = "http://127.0.0.1:9/", string? deliveryMode = null)
    {
        var activity = Base("message", locale, conversationType, serviceUrl, deliveryMode);
        activity["text"] = text;
        activity["textFormat"] = "plain";
        return activity;
    }

    public static JsonObject CardAction(string verb, JsonObject? data = null, string locale = "fr-CA", string conversationType = "personal") 
    {
        var activity = Base("invoke", locale, conversationType, "http://127.0.0.1:9/", null);
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = "card-1";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data ?? new JsonObject() },
            ["trigger"] = "manual",
        };
        return activity;
    }

    /// <summary>
    /// An activity from <paramref name="person"/> in a conversation of a team (tenant <c>tenant-1</c>), as Teams sends
    /// it; <paramref name="channelConversationId"/> is the team channel named in <c>channelData</c>.
    /// </summary>
    public static JsonObject FromPerson(
        string type, TestPerson person, string serviceUrl, string conversationId, string conversationType, string teamId, string channelConversationId) => new()
    {
        ["type"] = type,
        ["id"] = Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = person.Id, ["name"] = person.Name, ["aadObjectId"] = person.AadObjectId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "ConcertationBot" },
        ["conversation"] = new JsonObject
        {
            ["id"] = conversationId,
            ["conversationType"] = conversationType,
            ["isGroup"] = conversationType != "personal",
            ["tenantId"] = "tenant-1",
        },
        ["locale"] = person.Locale,
        ["channelData"] = new JsonObject
        {
            ["tenant"] = new JsonObject { ["id"] = "tenant-1" },
            ["team"] = new JsonObject { ["id"] = teamId, ["name"] = "Table de quartier Saint-Michel" },
            ["channel"] = new JsonObject { ["id"] = channelConversationId, ["name"] = "General" },
        },
    };

    /// <summary>Makes <paramref name="activity"/> a message that @mentions the bot, as in a channel.</summary>
    public static JsonObject MentioningBot(JsonObject activity, string text)
    {
        activity["text"] = $"<at>ConcertationBot</at> {text}";
        activity["textFormat"] = "plain";
        activity["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["text"] = "<at>ConcertationBot</at>",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = "ConcertationBot" },
        });
        return activity;
    }

    /// <summary>Makes <paramref name="activity"/> the <c>adaptiveCard/action</c> invoke of a click on <paramref name="verb"/>.</summary>
    public static JsonObject ClickOf(JsonObject activity, string verb, JsonNode? data, string replyToId = "card-1", string trigger = "manual")
    {
        activity["name"] = "adaptiveCard/action";
        activity["replyToId"] = replyToId;
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = trigger,
        };
        return activity;
    }

    public static JsonObject Base(string type, string locale = "fr-CA", string conversationType = "personal", string serviceUrl = "http://127.0.0.1:9/", string? deliveryMode = null)
    {
        var isGroup = conversationType != "personal";
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["channelId"] = "msteams",
            ["serviceUrl"] = serviceUrl,
            ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "Nadia Benali", ["aadObjectId"] = "6f1c2a52-4a54-4d0e-9f59-0d1b0a3b9e11" },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "ConcertationBot" },
            ["conversation"] = new JsonObject
            {
                ["id"] = isGroup ? "19:general@thread.tacv2" : "a:personal-nadia",
                ["conversationType"] = conversationType,
                ["tenantId"] = "tenant-1",
            },
            ["locale"] = locale,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "tenant-1" } },
        };
        if (isGroup)
        {
            activity["conversation"]!["isGroup"] = true;
        }

        if (deliveryMode is not null)
        {
            activity["deliveryMode"] = deliveryMode;
        }

        return activity;
    }

    public static StringContent Json(JsonNode activity) => Raw(activity.ToJsonString());

    public static StringContent Raw(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())
        ?? throw new InvalidOperationException("empty JSON body");

    /// <summary>All text of a card (TextBlocks, facts, action titles), for assertions on what a user reads.</summary>
    public static string CardText(JsonNode card)
    {
        var builder = new StringBuilder();
        Collect(card, builder);
        return builder.ToString();

        static void Collect(JsonNode? node, StringBuilder builder)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (key, value) in obj)
                    {
                        if (key is "text" or "title" or "value" && value is JsonValue v && v.TryGetValue<string>(out var s))
                        {
                            builder.Append(s).Append('\n');
                        }
                        else
                        {
                            Collect(value, builder);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Collect(item, builder);
                    }

                    break;
            }
        }
    }
}
