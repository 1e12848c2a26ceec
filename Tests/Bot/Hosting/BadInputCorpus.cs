using System.IO.Compression;
using System.Text.Encodings.Web;

namespace ConcertationBot.Tests.Bot.Hosting;

/// <summary>One bad request: its bytes and headers, and the status it must get when the contract fixes one.</summary>
internal sealed record BadInputRequest(string Label, byte[] Body)
{
    public string? ContentType { get; init; } = "application/json; charset=utf-8";

    public string? ContentEncoding { get; init; }

    /// <summary>The one status this input must get; null when any allowed status will do.</summary>
    public HttpStatusCode? Expected { get; init; }

    /// <summary>True for a well-formed invoke whose name the bot does not handle (501 by Bot Framework convention).</summary>
    public bool AllowNotImplemented { get; init; }

    /// <summary>Non-ASCII text stays UTF-8 (not <c>\u00E9</c>) so that a 200 KB input is 200 KB on the wire.</summary>
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static BadInputRequest Json(string label, JsonNode? node, HttpStatusCode? expected = null) =>
        new(label, Encoding.UTF8.GetBytes(node?.ToJsonString(Wire) ?? "null")) { Expected = expected };

    public static BadInputRequest Text(string label, string body, HttpStatusCode? expected = null) =>
        new(label, Encoding.UTF8.GetBytes(body)) { Expected = expected };

    public override string ToString() => Label;
}

/// <summary>A batch of bad requests sent to one host, after which the host must still answer <c>aide</c>.</summary>
internal sealed record BadInputBatch(string Name, Func<BadInputHost, IEnumerable<BadInputRequest>> Requests)
{
    public bool NeedsPulse { get; init; }

    public bool NeedsVote { get; init; }
}

/// <summary>
/// The corpus of malformed activities for <c>POST /api/messages</c>: wrong or missing fields, wrong types, nulls,
/// deep nesting, invalid UTF-8, unknown types, odd invokes, huge card inputs, crafted pulse and vote data, bodies
/// that are not activities, odd content headers. Built from the host's valid template so that each case differs from
/// a working activity by the one thing it tests.
/// </summary>
internal static class BadInputCorpus
{
    private const int HugeInput = 200 * 1024;

    private static readonly string[] RoutedTypes = ["message", "invoke", "conversationUpdate", "installationUpdate"];

    private static readonly Dictionary<string, BadInputBatch> Batches = new BadInputBatch[]
    {
        new("type-missing-or-empty", TypeMissingOrEmpty),
        new("routing-fields-missing", RoutingFieldsMissing),
        new("wrong-types-top-level", WrongTypesTopLevel),
        new("wrong-types-nested", WrongTypesNested),
        new("null-everywhere", NullEverywhere),
        new("deep-nesting", DeepNesting),
        new("utf8-invalid-overlong-bom-surrogates", Utf8),
        new("unknown-activity-types", UnknownTypes),
        new("invoke-value-shapes", InvokeValueShapes),
        new("huge-card-inputs", HugeCardInputs) { NeedsPulse = true, NeedsVote = true },
        new("vote-cast-crafted", VoteCastCrafted) { NeedsVote = true },
        new("pulse-verbs-crafted", PulseVerbsCrafted) { NeedsPulse = true },
        new("bodies-not-activities", BodiesNotActivities),
        new("content-headers", ContentHeaders),
    }.ToDictionary(b => b.Name, StringComparer.Ordinal);

    /// <summary>The values put where a field's proper value goes: every JSON kind, and extremes.</summary>
    private static readonly (string Label, Func<JsonNode?> Value)[] WrongValues =
    [
        ("number", () => 42),
        ("negative-huge-number", () => JsonNode.Parse("-1.5e308")),
        ("number-beyond-double", () => JsonNode.Parse("1e400")),
        ("true", () => true),
        ("false", () => false),
        ("empty-array", () => new JsonArray()),
        ("mixed-array", () => new JsonArray(1, "a", null, new JsonObject())),
        ("empty-object", () => new JsonObject()),
        ("nested-object", () => new JsonObject { ["id"] = new JsonObject { ["id"] = new JsonArray(1) } }),
        ("string", () => "just a string"),
        ("empty-string", () => string.Empty),
        ("null", () => null),
    ];

    public static IEnumerable<string> Names => Batches.Keys;

    public static BadInputBatch Get(string name) => Batches[name];

    private static IEnumerable<BadInputRequest> TypeMissingOrEmpty(BadInputHost host)
    {
        var activity = host.Message("aide");
        activity.Remove("type");
        yield return BadInputRequest.Json("type missing", activity, HttpStatusCode.BadRequest);
        foreach (var type in new[] { string.Empty, " ", "\t\n" })
        {
            var empty = host.Message("aide");
            empty["type"] = type;
            yield return BadInputRequest.Json($"type '{type}'", empty, HttpStatusCode.BadRequest);
        }
    }

    /// <summary>
    /// The contract: a routed activity without conversation.id, from.id or an absolute http(s) serviceUrl gets 400.
    /// Other broken routing fields (no channelId, an id that is only a thread suffix, a 100 KB id) only need an allowed status.
    /// </summary>
    private static IEnumerable<BadInputRequest> RoutingFieldsMissing(BadInputHost host)
    {
        foreach (var type in RoutedTypes)
        {
            foreach (var (label, mutate, contract) in RoutingMutations())
            {
                var activity = Routed(host, type);
                mutate(activity);
                yield return BadInputRequest.Json($"{type}: {label}", activity, contract ? HttpStatusCode.BadRequest : null);
            }
        }

        static IEnumerable<(string, Action<JsonObject>, bool)> RoutingMutations()
        {
            yield return ("conversation missing", a => a.Remove("conversation"), true);
            yield return ("conversation.id missing", a => a["conversation"]!.AsObject().Remove("id"), true);
            yield return ("conversation.id empty", a => a["conversation"]!["id"] = string.Empty, true);
            yield return ("conversation.id null", a => a["conversation"]!["id"] = null, true);
            yield return ("from missing", a => a.Remove("from"), true);
            yield return ("from.id missing", a => a["from"]!.AsObject().Remove("id"), true);
            yield return ("from.id empty", a => a["from"]!["id"] = string.Empty, true);
            yield return ("serviceUrl missing", a => a.Remove("serviceUrl"), true);
            foreach (var url in new[] { string.Empty, "not a url", "/v3/relative", "ftp://127.0.0.1/", "file:///etc/passwd", "javascript:alert(1)", "http://" })
            {
                yield return ($"serviceUrl '{url}'", a => a["serviceUrl"] = url, true);
            }

            yield return ("channelId missing", a => a.Remove("channelId"), false);
            yield return ("conversation.id only a thread suffix", a => a["conversation"]!["id"] = ";messageid=1", false);
            yield return ("conversation.id 100 KB", a => a["conversation"]!["id"] = new string('c', 100 * 1024), false);
            yield return ("id 100 KB", a => a["id"] = new string('i', 100 * 1024), false);
            yield return ("replyToId 100 KB", a => a["replyToId"] = new string('r', 100 * 1024), false);
            yield return ("from.id 100 KB", a => a["from"]!["id"] = new string('f', 100 * 1024), false);
        }
    }

    private static IEnumerable<BadInputRequest> WrongTypesTopLevel(BadInputHost host)
    {
        string[] fields =
        [
            "type", "id", "timestamp", "localTimestamp", "localTimezone", "serviceUrl", "channelId", "from", "conversation", "recipient",
            "textFormat", "attachmentLayout", "membersAdded", "membersRemoved", "topicName", "locale", "text", "speak", "inputHint",
            "summary", "attachments", "entities", "channelData", "action", "replyToId", "label", "valueType", "value", "name",
            "relatesTo", "deliveryMode",
        ];
        foreach (var type in RoutedTypes)
        {
            foreach (var field in fields)
            {
                foreach (var (label, value) in WrongValues)
                {
                    var activity = Routed(host, type);
                    activity[field] = value();
                    yield return BadInputRequest.Json($"{type}.{field} = {label}", activity) with { AllowNotImplemented = IsNamelessOrUnknownInvoke(activity) };
                }
            }
        }
    }

    private static IEnumerable<BadInputRequest> WrongTypesNested(BadInputHost host)
    {
        string[] paths =
        [
            "from.id", "from.name", "from.aadObjectId", "recipient.id", "conversation.id", "conversation.conversationType",
            "conversation.isGroup", "conversation.tenantId", "channelData.tenant", "channelData.tenant.id", "channelData.team",
            "channelData.team.id", "channelData.channel", "channelData.channel.id", "entities.0", "entities.0.type",
            "entities.0.mentioned", "entities.0.mentioned.id", "entities.0.text", "membersAdded.0", "membersAdded.0.id",
            "attachments.0", "attachments.0.contentType", "attachments.0.content", "value.action", "value.action.type",
            "value.action.verb", "value.action.data", "value.trigger",
        ];
        foreach (var type in RoutedTypes)
        {
            foreach (var path in paths)
            {
                foreach (var (label, value) in WrongValues)
                {
                    var activity = Routed(host, type);
                    activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:concertationbot" });
                    activity["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "text/plain", ["content"] = "x" });
                    activity["entities"] ??= new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>x</at>", ["mentioned"] = new JsonObject { ["id"] = "28:concertationbot" } });
                    activity["value"] ??= new JsonObject
                    {
                        ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = CardVerbs.HelpShow, ["data"] = new JsonObject() },
                        ["trigger"] = "manual",
                    };
                    Set(activity, path, value());
                    yield return BadInputRequest.Json($"{type}.{path} = {label}", activity);
                }
            }
        }
    }

    private static IEnumerable<BadInputRequest> NullEverywhere(BadInputHost host)
    {
        foreach (var type in RoutedTypes)
        {
            var all = Routed(host, type);
            foreach (var key in all.Select(p => p.Key).ToList())
            {
                var one = Routed(host, type);
                one[key] = null;
                yield return BadInputRequest.Json($"{type}.{key} = null", one) with { AllowNotImplemented = IsNamelessOrUnknownInvoke(one) };
                all[key] = null;
            }

            yield return BadInputRequest.Json($"{type}: every field null", all, HttpStatusCode.BadRequest);
            var leaves = Routed(host, type);
            NullLeaves(leaves);
            yield return BadInputRequest.Json($"{type}: every leaf null", leaves, HttpStatusCode.BadRequest);
        }

        static void NullLeaves(JsonNode node)
        {
            if (node is JsonObject obj)
            {
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is JsonObject or JsonArray)
                    {
                        NullLeaves(obj[key]!);
                    }
                    else
                    {
                        obj[key] = null;
                    }
                }
            }
            else if (node is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = null;
                }
            }
        }
    }

    private static IEnumerable<BadInputRequest> DeepNesting(BadInputHost host)
    {
        foreach (var depth in new[] { 65, 1_000, 100_000 })
        {
            yield return BadInputRequest.Text($"bare arrays x{depth}", new string('[', depth) + new string(']', depth), HttpStatusCode.BadRequest);
            yield return BadInputRequest.Text($"unclosed arrays x{depth}", new string('[', depth), HttpStatusCode.BadRequest);
            foreach (var field in new[] { "text", "value", "channelData", "from", "entities", "attachments", "unknownField" })
            {
                var template = Routed(host, field == "value" ? "invoke" : "message");
                template[field] = "@@NEST@@";
                var nested = depth <= 1_000 ? NestedObjects(depth) : new string('[', depth) + new string(']', depth);
                var json = template.ToJsonString().Replace("\"@@NEST@@\"", nested, StringComparison.Ordinal);
                yield return BadInputRequest.Text($"{field} nested x{depth}", json, HttpStatusCode.BadRequest);
            }
        }

        static string NestedObjects(int depth)
        {
            var builder = new StringBuilder();
            for (var i = 0; i < depth; i++)
            {
                builder.Append("{\"a\":");
            }

            builder.Append("1");
            builder.Append('}', depth);
            return builder.ToString();
        }
    }

    private static IEnumerable<BadInputRequest> Utf8(BadInputHost host)
    {
        var bad = new (string Label, byte[] Bytes)[]
        {
            ("invalid continuation C3 28", [0xC3, 0x28]),
            ("byte FF", [0xFF]),
            ("byte FE", [0xFE]),
            ("lone continuation 80", [0x80]),
            ("truncated 3-byte E2 82", [0xE2, 0x82]),
            ("overlong slash C0 AF", [0xC0, 0xAF]),
            ("overlong 3-byte E0 80 AF", [0xE0, 0x80, 0xAF]),
            ("overlong NUL C0 80", [0xC0, 0x80]),
            ("UTF-8 encoded surrogate ED A0 80", [0xED, 0xA0, 0x80]),
            ("beyond U+10FFFF F4 90 80 80", [0xF4, 0x90, 0x80, 0x80]),
            ("raw control byte 01", [0x01]),
        };
        foreach (var field in new[] { "text", "conversation.id", "from.id", "from.name", "locale", "type", "serviceUrl" })
        {
            foreach (var (label, bytes) in bad)
            {
                var template = host.Message("aide");
                Set(template, field, "@@BYTES@@");
                yield return new BadInputRequest($"{field}: {label}", Splice(template.ToJsonString(), "@@BYTES@@", bytes)) { Expected = HttpStatusCode.BadRequest };
            }

            foreach (var escaped in new[] { @"\ud800", @"\udfff", @"\ud800\u0041", @"\udc00\ud800", @"\u0000", @"\uFFFF", @"\uFEFF" })
            {
                var template = host.Message("aide");
                Set(template, field, "@@ESC@@");
                var json = template.ToJsonString().Replace("@@ESC@@", "x" + escaped + "y", StringComparison.Ordinal);
                yield return BadInputRequest.Text($"{field}: escaped {escaped}", json);
            }
        }

        var withBom = Encoding.UTF8.GetBytes(host.Message("aide").ToJsonString());
        yield return new BadInputRequest("BOM before the activity", [0xEF, 0xBB, 0xBF, .. withBom]);
        yield return new BadInputRequest("two BOMs", [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. withBom]) { Expected = HttpStatusCode.BadRequest };
        yield return new BadInputRequest("UTF-16 LE body labelled UTF-8", Encoding.Unicode.GetBytes(host.Message("aide").ToJsonString())) { Expected = HttpStatusCode.BadRequest };
        var invoke = host.CardAction(CardVerbs.HelpShow, new JsonObject { ["x"] = "@@BYTES@@" });
        yield return new BadInputRequest("invoke data: invalid UTF-8", Splice(invoke.ToJsonString(), "@@BYTES@@", [0xC3, 0x28]));

        // Values the protocol keeps as raw JSON (card data, entities) are only decoded when a handler reads them.
        foreach (var (label, bytes) in bad)
        {
            foreach (var (verb, field) in new[] { (CardVerbs.PulseOpen, CardDataFields.PulseId), (CardVerbs.VoteCast, CardDataFields.VoteId), (CardVerbs.VoteCast, VoteInputIds.Choice), (CardVerbs.PulseNext, CardDataFields.Step), (CardVerbs.PulseNext, CardDataFields.ConversationId) })
            {
                var data = host.CardAction(verb, new JsonObject { [CardDataFields.PulseId] = "p", [CardDataFields.VoteId] = "v", [field] = "@@BYTES@@" });
                yield return new BadInputRequest($"{verb} data.{field}: {label}", Splice(data.ToJsonString(), "@@BYTES@@", bytes));
                var escapedData = host.CardAction(verb, new JsonObject { [CardDataFields.PulseId] = "p", [CardDataFields.VoteId] = "v", [field] = "@@ESC@@" });
                yield return BadInputRequest.Text($"{verb} data.{field}: escaped lone surrogate", escapedData.ToJsonString().Replace("@@ESC@@", @"\ud800", StringComparison.Ordinal));
            }

            var mention = host.Message("aide");
            mention["entities"]![0]!["text"] = "@@BYTES@@";
            yield return new BadInputRequest($"entities[0].text: {label}", Splice(mention.ToJsonString(), "@@BYTES@@", bytes));
            var clientInfo = host.Message("aide");
            clientInfo["entities"]!.AsArray().Add(new JsonObject { ["type"] = "clientInfo", ["locale"] = "@@BYTES@@" });
            yield return new BadInputRequest($"clientInfo.locale: {label}", Splice(clientInfo.ToJsonString(), "@@BYTES@@", bytes));
            var channelData = host.Message("aide");
            channelData["channelData"]!["team"]!["id"] = "@@BYTES@@";
            yield return new BadInputRequest($"channelData.team.id: {label}", Splice(channelData.ToJsonString(), "@@BYTES@@", bytes));
        }
        yield return BadInputRequest.Text("invoke verb: lone surrogate", host.CardAction("@@V@@", new JsonObject()).ToJsonString().Replace("@@V@@", @"\ud800", StringComparison.Ordinal));
    }

    private static IEnumerable<BadInputRequest> UnknownTypes(BadInputHost host)
    {
        foreach (var type in new[] { "foo", "event", "typing", "messageReaction", "endOfConversation", "handoff", "trace", "MESSAGE", "Invoke", "message ", "messageUpdate", "messageDelete" })
        {
            yield return BadInputRequest.Json($"type '{type}'", host.Message("aide").Also(a => a["type"] = type), HttpStatusCode.OK);
            var bare = new JsonObject { ["type"] = type };
            yield return BadInputRequest.Json($"bare type '{type}'", bare);
        }
    }

    private static IEnumerable<BadInputRequest> InvokeValueShapes(BadInputHost host)
    {
        JsonNode?[] values =
        [
            null, 42, "a string", new JsonArray(), new JsonObject(),
            new JsonObject { ["action"] = null },
            new JsonObject { ["action"] = 42 },
            new JsonObject { ["action"] = new JsonArray() },
            new JsonObject { ["action"] = new JsonObject() },
            new JsonObject { ["action"] = new JsonObject { ["verb"] = 42 } },
            new JsonObject { ["action"] = new JsonObject { ["verb"] = new JsonArray("help.show") } },
            new JsonObject { ["action"] = new JsonObject { ["verb"] = new JsonObject() } },
            new JsonObject { ["action"] = new JsonObject { ["verb"] = string.Empty } },
            new JsonObject { ["action"] = new JsonObject { ["verb"] = new string('v', HugeInput) } },
            new JsonObject { ["action"] = new JsonObject { ["type"] = 7, ["verb"] = "help.show", ["data"] = "not an object" } },
            new JsonObject { ["action"] = new JsonObject { ["verb"] = "help.show", ["data"] = new JsonArray(1, 2) } },
            new JsonObject { ["action"] = new JsonObject { ["verb"] = "pulse.open", ["data"] = 42 } },
            new JsonObject { ["action"] = new JsonObject { ["verb"] = "vote.cast", ["data"] = null } },
            new JsonObject { ["action"] = new JsonObject { ["verb"] = "vote.open", ["data"] = new JsonObject() } },
            new JsonObject { ["action"] = new JsonObject { ["verb"] = "pulse.submit" } },
            new JsonObject { ["action"] = new JsonObject { ["verb"] = "help.show" }, ["trigger"] = new JsonObject() },
            new JsonObject { ["action"] = new JsonObject { ["verb"] = "help.show" }, ["trigger"] = "automatic" },
        ];
        foreach (var value in values)
        {
            var activity = host.CardAction(CardVerbs.HelpShow, null);
            activity["value"] = value?.DeepClone();
            var shown = value?.ToJsonString() ?? "null";
            yield return BadInputRequest.Json($"value = {(shown.Length > 80 ? shown[..80] + "…" : shown)}", activity);
        }

        foreach (var name in new[] { "composeExtension/query", "task/fetch", "signin/verifyState", "actionableMessage/executeAction", "adaptiveCard/action ", "ADAPTIVECARD/ACTION", "x" })
        {
            var activity = host.CardAction(CardVerbs.HelpShow, new JsonObject());
            activity["name"] = name;
            yield return BadInputRequest.Json($"invoke name '{name}'", activity) with { AllowNotImplemented = true };
        }

        foreach (var (label, name) in new (string, JsonNode?)[] { ("missing", null), ("number", 42), ("array", new JsonArray()), ("empty", string.Empty) })
        {
            var activity = host.CardAction(CardVerbs.HelpShow, new JsonObject());
            activity["name"] = name;
            if (name is null)
            {
                activity.Remove("name");
            }

            yield return BadInputRequest.Json($"invoke name {label}", activity) with { AllowNotImplemented = IsNamelessOrUnknownInvoke(activity) };
        }
    }

    private static IEnumerable<BadInputRequest> HugeCardInputs(BadInputHost host)
    {
        var huge = new string('é', HugeInput / 2);
        var hugeAscii = new string('9', HugeInput);
        var pulse = new JsonObject { [CardDataFields.PulseId] = host.PulseId };
        yield return Invoke("pulse.open, huge extra field", CardVerbs.PulseOpen, pulse.Also(d => d["extra"] = huge));
        foreach (var step in new[] { "roleClarity", "agenda", "change", "soutien", "continuum" })
        {
            foreach (var input in new[] { PulseInputIds.Rating, PulseInputIds.Frein, PulseInputIds.Levier, PulseInputIds.Choice, PulseInputIds.ChangeText, PulseInputIds.Direction, PulseInputIds.DontKnow })
            {
                var data = new JsonObject { [CardDataFields.PulseId] = host.PulseId, [CardDataFields.Step] = step, [input] = huge };
                yield return Invoke($"pulse.next {step}.{input} = 200 KB", CardVerbs.PulseNext, data);
            }
        }

        yield return Invoke("pulse.next huge step id", CardVerbs.PulseNext, new JsonObject { [CardDataFields.PulseId] = host.PulseId, [CardDataFields.Step] = huge });
        yield return Invoke("pulse.submit huge pulse id", CardVerbs.PulseSubmit, new JsonObject { [CardDataFields.PulseId] = huge });
        yield return Invoke("vote.cast choice = 200 KB", CardVerbs.VoteCast, new JsonObject { [CardDataFields.VoteId] = host.VoteId, [VoteInputIds.Choice] = hugeAscii });
        yield return Invoke("vote.cast choice = 200 KB text", CardVerbs.VoteCast, new JsonObject { [CardDataFields.VoteId] = host.VoteId, [VoteInputIds.Choice] = huge });
        yield return Invoke("vote.cast choices = 200 KB of indexes", CardVerbs.VoteCast, new JsonObject { [CardDataFields.VoteId] = host.VoteId, [VoteInputIds.Choices] = string.Join(',', Enumerable.Repeat("0", HugeInput / 2)) });
        yield return Invoke("vote.cast points0 = 200 KB digits", CardVerbs.VoteCast, new JsonObject { [CardDataFields.VoteId] = host.VoteId, [VoteInputIds.Points(0)] = hugeAscii });
        yield return Invoke("vote.cast huge vote id", CardVerbs.VoteCast, new JsonObject { [CardDataFields.VoteId] = huge, [VoteInputIds.Choice] = "0" });
        yield return Invoke("vote.open huge vote id", CardVerbs.VoteOpen, new JsonObject { [CardDataFields.VoteId] = huge });
        var manyFields = new JsonObject { [CardDataFields.VoteId] = host.VoteId };
        for (var i = 0; i < 10_000; i++)
        {
            manyFields["points" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = "1";
        }

        yield return Invoke("vote.cast 10,000 points fields", CardVerbs.VoteCast, manyFields);
        var message = host.Message(new string('a', HugeInput));
        yield return BadInputRequest.Json("message text = 200 KB", message, HttpStatusCode.OK);
        var command = host.Message("vote " + new string('q', HugeInput / 2) + " : " + string.Join(" ; ", Enumerable.Range(0, 500).Select(i => "option " + i)));
        yield return BadInputRequest.Json("vote command with 100 KB question and 500 options", command, HttpStatusCode.OK);

        BadInputRequest Invoke(string label, string verb, JsonObject data) => BadInputRequest.Json(label, host.CardAction(verb, data), HttpStatusCode.OK);
    }

    private static IEnumerable<BadInputRequest> VoteCastCrafted(BadInputHost host)
    {
        JsonNode?[] ids = ["unknown-vote", string.Empty, " ", 42, null, new JsonArray(host.VoteId), new JsonObject { ["id"] = host.VoteId }, "../../" + host.VoteId, host.VoteId + "\u0000", "'; DROP TABLE votes; --", "PartitionKey eq 'x'"];
        foreach (var id in ids)
        {
            foreach (var verb in new[] { CardVerbs.VoteCast, CardVerbs.VoteOpen })
            {
                var data = new JsonObject { [CardDataFields.VoteId] = id?.DeepClone(), [VoteInputIds.Choice] = "0" };
                yield return Ok($"{verb} voteId = {id?.ToJsonString() ?? "null"}", verb, data);
            }
        }

        JsonNode?[] scalars =
        [
            "-1", "3", "12", "NaN", "Infinity", "-Infinity", "1e309", "99999999999999999999", "2147483648", "-2147483649", "1.5", " 1", "1 ", "0x1",
            "٣", "１", string.Empty, "0,1", -1, 1.5, 1e300, true, null, new JsonArray(0), new JsonArray(), new JsonObject { ["v"] = 0 },
        ];
        foreach (var value in scalars)
        {
            var shown = value?.ToJsonString() ?? "null";
            yield return Ok($"choice = {shown}", CardVerbs.VoteCast, Data(VoteInputIds.Choice, value));
            yield return Ok($"choices = {shown}", CardVerbs.VoteCast, Data(VoteInputIds.Choices, value));
            yield return Ok($"points0 = {shown}", CardVerbs.VoteCast, Data(VoteInputIds.Points(0), value));
            yield return Ok($"points-1 = {shown}", CardVerbs.VoteCast, Data("points-1", value));
            yield return Ok($"points99 = {shown}", CardVerbs.VoteCast, Data("points99", value));
        }

        foreach (var choices in new[] { ",,,", "0,0,0", "-1,2", "a,b", "0,,1", "0;1", "2,1,0,0,1,2", string.Join(',', Enumerable.Range(0, 1000)) })
        {
            yield return Ok($"choices '{(choices.Length > 40 ? choices[..40] + "…" : choices)}'", CardVerbs.VoteCast, Data(VoteInputIds.Choices, choices));
        }

        yield return Ok("no input at all", CardVerbs.VoteCast, new JsonObject { [CardDataFields.VoteId] = host.VoteId });
        yield return Ok("every input at once", CardVerbs.VoteCast, new JsonObject
        {
            [CardDataFields.VoteId] = host.VoteId,
            [VoteInputIds.Choice] = "1",
            [VoteInputIds.Choices] = "0,2",
            [VoteInputIds.Points(0)] = "3",
        });
        yield return Ok("a well-formed ballot after all that", CardVerbs.VoteCast, Data(VoteInputIds.Choice, "1"));

        JsonObject Data(string field, JsonNode? value) => new() { [CardDataFields.VoteId] = host.VoteId, [field] = value?.DeepClone() };

        BadInputRequest Ok(string label, string verb, JsonObject data) => BadInputRequest.Json(label, host.CardAction(verb, data), HttpStatusCode.OK);
    }

    private static IEnumerable<BadInputRequest> PulseVerbsCrafted(BadInputHost host)
    {
        string[] verbs = [CardVerbs.PulseOpen, CardVerbs.PulseNext, CardVerbs.PulseBack, CardVerbs.PulseSkip, CardVerbs.PulseEdit, CardVerbs.PulseSubmit];
        JsonNode?[] ids = ["unknown-pulse", string.Empty, 42, null, new JsonArray(host.PulseId), new JsonObject(), host.PulseId.ToUpperInvariant(), host.PulseId + "/../x"];
        foreach (var verb in verbs)
        {
            foreach (var id in ids)
            {
                yield return Ok($"{verb} pulseId = {id?.ToJsonString() ?? "null"}", verb, new JsonObject { [CardDataFields.PulseId] = id?.DeepClone(), [CardDataFields.Step] = "roleClarity" });
            }

            JsonNode?[] steps = ["unknown-step", string.Empty, 3, null, new JsonArray("agenda"), new JsonObject(), "review", "done", "-1"];
            foreach (var step in steps)
            {
                yield return Ok($"{verb} step = {step?.ToJsonString() ?? "null"}", verb, new JsonObject { [CardDataFields.PulseId] = host.PulseId, [CardDataFields.Step] = step?.DeepClone() });
            }

            JsonNode?[] revisions = [-1, 0, long.MaxValue, JsonNode.Parse("1e400"), "NaN", "abc", new JsonArray(), true];
            foreach (var rev in revisions)
            {
                yield return Ok($"{verb} rev = {rev?.ToJsonString() ?? "null"}", verb, new JsonObject { [CardDataFields.PulseId] = host.PulseId, [CardDataFields.Step] = "roleClarity", [CardDataFields.Revision] = rev?.DeepClone() });
            }

            JsonNode?[] conversations = ["19:someone-else@thread.tacv2", string.Empty, 42, new string('c', 10_000), "a:personal-nadia"];
            foreach (var conversation in conversations)
            {
                yield return Ok($"{verb} conversationId = {Short(conversation)}", verb, new JsonObject { [CardDataFields.PulseId] = host.PulseId, [CardDataFields.ConversationId] = conversation?.DeepClone() });
            }
        }

        JsonNode?[] answers = ["-1", "0", "6", "NaN", "Infinity", "1e309", "99999999999", "2.5", "true", string.Empty, -3, 1e300, true, null, new JsonArray(3), new JsonObject { ["x"] = 1 }];
        foreach (var step in new[] { "roleClarity", "agenda", "soutien", "continuum", "change" })
        {
            foreach (var input in new[] { PulseInputIds.Rating, PulseInputIds.Frein, PulseInputIds.Levier, PulseInputIds.Choice, PulseInputIds.ChangeText, PulseInputIds.Direction, PulseInputIds.DontKnow })
            {
                foreach (var answer in answers)
                {
                    yield return Ok($"pulse.next {step}.{input} = {Short(answer)}", CardVerbs.PulseNext, new JsonObject { [CardDataFields.PulseId] = host.PulseId, [CardDataFields.Step] = step, [input] = answer?.DeepClone() });
                }
            }
        }

        yield return Ok("pulse.submit with nothing answered", CardVerbs.PulseSubmit, new JsonObject { [CardDataFields.PulseId] = host.PulseId });
        yield return Ok("pulse.submit twice", CardVerbs.PulseSubmit, new JsonObject { [CardDataFields.PulseId] = host.PulseId });

        BadInputRequest Ok(string label, string verb, JsonObject data) => BadInputRequest.Json(label, host.CardAction(verb, data, Infrastructure.TestPerson.Amelie), HttpStatusCode.OK);

        static string Short(JsonNode? node)
        {
            var text = node?.ToJsonString() ?? "null";
            return text.Length > 40 ? text[..40] + "…" : text;
        }
    }

    private static IEnumerable<BadInputRequest> BodiesNotActivities(BadInputHost host)
    {
        var valid = host.Message("aide").ToJsonString();
        (string Label, string Body)[] bodies =
        [
            ("a JSON string", "\"message\""),
            ("a number", "42"),
            ("true", "true"),
            ("whitespace only", " \r\n\t "),
            ("an array of activities", "[" + valid + "]"),
            ("two activities back to back", valid + valid),
            ("trailing garbage", valid + "xyz"),
            ("trailing comma", valid[..^1] + ",}"),
            ("a comment", "/* c */" + valid),
            ("single quotes", valid.Replace('"', '\'')),
            ("NaN literal", valid[..^1] + ",\"n\":NaN}"),
            ("unquoted key", "{type:\"message\"}"),
            ("truncated", valid[..(valid.Length / 2)]),
            ("duplicate type", "{\"type\":\"message\"," + valid[1..]),
            ("type in other case only", valid.Replace("\"type\"", "\"TYPE\"", StringComparison.Ordinal)),
            ("only a NUL byte", "\0"),
            ("number with 10,000 digits as a field", valid[..^1] + ",\"n\":" + new string('9', 10_000) + "}"),
            ("20,000 fields", "{\"type\":\"message\"," + string.Join(',', Enumerable.Range(0, 20_000).Select(i => $"\"f{i}\":0")) + "}"),
            ("200 KB string key", "{\"" + new string('k', HugeInput) + "\":1,\"type\":\"message\"}"),
        ];
        foreach (var (label, body) in bodies)
        {
            yield return BadInputRequest.Text(label, body);
        }
    }

    private static IEnumerable<BadInputRequest> ContentHeaders(BadInputHost host)
    {
        var aide = Encoding.UTF8.GetBytes(host.Message("aide").ToJsonString());
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=iso-8859-1", "application/json; charset=utf-16" })
        {
            yield return new BadInputRequest($"Content-Type {type}", aide) { ContentType = type };
        }

        yield return new BadInputRequest("no Content-Type", aide) { ContentType = null };
        yield return new BadInputRequest("UTF-16 body labelled UTF-16", Encoding.Unicode.GetBytes(host.Message("aide").ToJsonString())) { ContentType = "application/json; charset=utf-16" };
        yield return new BadInputRequest("gzip body, Content-Encoding gzip", Gzip(aide)) { ContentEncoding = "gzip" };
        yield return new BadInputRequest("gzip bomb (10 MB of spaces), Content-Encoding gzip", Gzip(Encoding.ASCII.GetBytes(new string(' ', 10 * 1024 * 1024)))) { ContentEncoding = "gzip" };
        yield return new BadInputRequest("garbage, Content-Encoding br", [0x0B, 0x01, 0x80, 0xFF, 0x00]) { ContentEncoding = "br" };
        yield return new BadInputRequest("plain body, Content-Encoding deflate", aide) { ContentEncoding = "deflate" };

        static byte[] Gzip(byte[] bytes)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
            {
                gzip.Write(bytes);
            }

            return output.ToArray();
        }
    }

    /// <summary>
    /// An invoke whose name is missing, null or a string other than <c>adaptiveCard/action</c>: Bot Framework answers
    /// 501 to an invoke it has no handler for, so 501 is allowed for these and only these.
    /// </summary>
    public static bool IsNamelessOrUnknownInvoke(JsonObject activity) =>
        activity["type"] is JsonValue type && type.GetValueKind() == JsonValueKind.String && (string?)type == "invoke"
        && activity["name"] switch
        {
            null => true,
            JsonValue name when name.GetValueKind() == JsonValueKind.String => (string?)name != "adaptiveCard/action",
            _ => false,
        };

    /// <summary>A valid activity of a routed type from Nadia in the host's channel.</summary>
    private static JsonObject Routed(BadInputHost host, string type) => type switch
    {
        "message" => host.Message("aide"),
        "invoke" => host.CardAction(CardVerbs.HelpShow, new JsonObject()),
        "conversationUpdate" => host.Activity(type).Also(a => a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:someone" })),
        "installationUpdate" => host.Activity(type).Also(a => a["action"] = "add"),
        _ => host.Activity(type),
    };

    /// <summary>Sets the node at a dotted path (array indexes as numbers), creating nothing: the path must exist up to its last part.</summary>
    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        JsonNode parent = root;
        foreach (var part in parts[..^1])
        {
            parent = int.TryParse(part, out var index) ? parent[index]! : parent[part]!;
        }

        if (int.TryParse(parts[^1], out var last))
        {
            parent[last] = value;
        }
        else
        {
            parent[parts[^1]] = value;
        }
    }

    /// <summary>The JSON text with the quoted placeholder's content replaced by raw bytes (the quotes stay).</summary>
    private static byte[] Splice(string json, string placeholder, byte[] bytes)
    {
        var at = json.IndexOf(placeholder, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(json[..at]), .. bytes, .. Encoding.UTF8.GetBytes(json[(at + placeholder.Length)..])];
    }

    private static JsonObject Also(this JsonObject node, Action<JsonObject> change)
    {
        change(node);
        return node;
    }
}
