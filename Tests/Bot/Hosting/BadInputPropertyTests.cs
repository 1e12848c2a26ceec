using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace ConcertationBot.Tests.Bot.Hosting;

/// <summary>
/// Property-based bad input (FsCheck) over real HTTP: whatever a generated body is, <c>/api/messages</c> answers 200,
/// 400, 401 or 413 (501 only for a well-formed invoke of an unhandled name), never a 5xx, never exception text, and
/// the host still answers <c>aide</c> afterwards. The seed is fixed so that a failure replays; set
/// <c>BADINPUT_SEED</c> to explore other inputs (the failure message prints the seed and the failing body).
/// </summary>
public sealed class BadInputPropertyTests
{
    private const ulong DefaultSeed = 20_261_122UL;
    private const ulong Gamma = 0x9E37_79B9_7F4A_7C15UL;
    private const int Tests = 250;

    [Fact]
    public async Task ApiMessages_MutatedActivities_AllowedStatusNeverServerErrorAndHostStaysUp()
    {
        // Arrange
        await using var host = await BadInputHost.StartAsync();
        await host.OpenPulseAsync();
        await host.OpenVoteAsync();
        var generator = BadInputGenerators.MutatedActivities(Templates(host));

        // Act
        await RunAsync(host, generator);

        // Assert
        await host.AssertAliveAsync();
    }

    [Fact]
    public async Task ApiMessages_ByteGarbage_AllowedStatusNeverServerErrorAndHostStaysUp()
    {
        // Arrange
        await using var host = await BadInputHost.StartAsync();
        await host.OpenVoteAsync();
        var generator = BadInputGenerators.Garbage(Templates(host));

        // Act
        await RunAsync(host, generator);

        // Assert
        await host.AssertAliveAsync();
    }

    private static async Task RunAsync(BadInputHost host, Gen<GeneratedBody> generator)
    {
        var seed = Environment.GetEnvironmentVariable("BADINPUT_SEED") is { Length: > 0 } text
            ? ulong.Parse(text, CultureInfo.InvariantCulture)
            : DefaultSeed;
        var sent = 0;
        var property = Prop.ForAll(Arb.From(generator), (GeneratedBody body) =>
        {
            sent++;
            var answer = host.SendAsync(body.Bytes).GetAwaiter().GetResult();
            BadInputHost.AssertAllowed(answer, $"seed {seed}: {body}", IsWellFormedUnknownInvoke(body.Bytes));
        });
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(Tests)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, Gamma), FSharpOption<int>.None)));

        // Off the test's synchronization context: the property blocks on HTTP calls.
        await Task.Run(() => Check.One(config, property));
        Assert.Equal(Tests, sent);
    }

    /// <summary>The valid activities the generators start from: each routed type, and card actions that reach storage.</summary>
    private static List<(string Name, JsonObject Activity)> Templates(BadInputHost host)
    {
        var added = host.Activity("conversationUpdate");
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:concertationbot" });
        var install = host.Activity("installationUpdate");
        install["action"] = "add";
        return
        [
            ("message aide", host.Message("aide")),
            ("message vote", host.Message("vote Quelle priorité ? : Logement ; Mobilité")),
            ("message pulse statut", host.Message("pulse statut")),
            ("invoke help.show", host.CardAction(CardVerbs.HelpShow, new JsonObject())),
            ("invoke vote.cast", host.CardAction(CardVerbs.VoteCast, new JsonObject { [CardDataFields.VoteId] = host.VoteId, [VoteInputIds.Choice] = "1" }, Infrastructure.TestPerson.Amelie)),
            ("invoke vote.open", host.CardAction(CardVerbs.VoteOpen, new JsonObject { [CardDataFields.VoteId] = host.VoteId })),
            ("invoke pulse.open", host.CardAction(CardVerbs.PulseOpen, new JsonObject { [CardDataFields.PulseId] = host.PulseId }, Infrastructure.TestPerson.Bruno)),
            ("invoke pulse.next", host.CardAction(CardVerbs.PulseNext, new JsonObject { [CardDataFields.PulseId] = host.PulseId, [CardDataFields.Step] = "roleClarity", [PulseInputIds.Rating] = "4" }, Infrastructure.TestPerson.Bruno)),
            ("conversationUpdate bot added", added),
            ("installationUpdate add", install),
        ];
    }

    /// <summary>
    /// Whether the body is a well-formed invoke (conversation, sender and an absolute http(s) serviceUrl) whose name the
    /// bot does not handle: the only input allowed a 501.
    /// </summary>
    private static bool IsWellFormedUnknownInvoke(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject activity
                && BadInputCorpus.IsNamelessOrUnknownInvoke(activity)
                && activity["conversation"] is JsonObject conversation && IsNonEmptyString(conversation["id"])
                && activity["from"] is JsonObject from && IsNonEmptyString(from["id"])
                && IsNonEmptyString(activity["serviceUrl"])
                && Uri.TryCreate((string?)activity["serviceUrl"], UriKind.Absolute, out var url)
                && url.Scheme is "http" or "https";
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            return false;
        }

        static bool IsNonEmptyString(JsonNode? node) =>
            node is JsonValue value && value.GetValueKind() == JsonValueKind.String && ((string?)value)?.Length > 0;
    }
}
