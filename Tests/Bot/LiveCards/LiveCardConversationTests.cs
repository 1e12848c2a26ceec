using Microsoft.Identity.Client;

namespace ConcertationBot.Tests.Bot.LiveCards;

/// <summary>
/// The posted vote card kept live through connector and token failures, over real HTTP <c>/api/messages</c>, a real
/// Azurite and the loopback capture connector (issue #22, items 3 and 5).
/// </summary>
public sealed class LiveCardConversationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Priorities = "vote Nos priorités : Logement ; Mobilité ; Emploi des jeunes";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Short back-off so an outage of a few hundred milliseconds outlasts the updater's retries.</summary>
    private static readonly Dictionary<string, string?> FastLiveCards = new()
    {
        ["LiveCards:InitialBackoff"] = "00:00:00.1",
        ["LiveCards:MaxBackoff"] = "00:00:00.4",
        ["LiveCards:MaxTransientFailures"] = "2",
        ["Bot:Connector:MaxRetries"] = "0",
    };

    [Fact]
    public async Task LiveVoteCard_TokenAcquisitionFailsThenRecovers_CardUpdatedAgainAndHostStopsCleanly()
    {
        // Arrange: the outbound token (MSAL) fails while Amélie votes, then works again.
        var tokens = new SwitchableTokenProvider();
        await using var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia], FastLiveCards,
            services: services => services.AddSingleton<IAccessTokenProvider>(tokens));
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);
        tokens.Failing = true;
        await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(voteId, 0));
        await WaitUntilAsync(() => tokens.Failures >= 1, "the live card never asked for a token");

        // Act
        tokens.Failing = false;
        await VoteFlows.CastAsync(bed, TestPerson.Bruno, VoteFlows.Single(voteId, 1));

        // Assert
        await WaitUntilAsync(
            () => AcceptedPuts(bed).Any(put => PulseFlows.TextOf(put).Contains("2 votes", StringComparison.Ordinal)),
            "the vote card was never updated after the token came back");
        var updater = bed.Factory.Services.GetRequiredService<LiveCardUpdater>();
        Assert.Null(await Record.ExceptionAsync(() => updater.StopAsync(CancellationToken.None).WaitAsync(Patience)));
    }

    [Fact]
    public async Task LiveVoteCard_ConnectorDownLongerThanTheRetries_FinalClosedCardStillLands()
    {
        // Arrange: the connector answers 503 to every card update, longer than the updater's transient retries; k = 1 so
        // that the one ballot's score shows on the final card (the small-group rule is tested in VoteConversationTests).
        await using var bed = await ConversationTestBed.StartAsync(
            azurite.ConnectionString, [TestPerson.Nadia], new Dictionary<string, string?>(FastLiveCards) { ["Concertation:MinimumGroupSize"] = "1" });
        var voteId = await VoteFlows.OpenAsync(bed, Priorities);
        var down = true;
        bed.Connector.Responder = request => Volatile.Read(ref down) && request.Operation == ConnectorOperation.UpdateActivity
            ? CannedResponse.Error(503, "ServiceUnavailable", "down for a moment")
            : null;
        await VoteFlows.CastAsync(bed, TestPerson.Amelie, VoteFlows.Single(voteId, 0));
        await WaitUntilAsync(() => FailedPuts(bed) >= 3, "the live card was not retried");

        // Act: the close lands during the outage, then the connector comes back.
        using (var closing = await bed.PostAsync(bed.ChannelMessage(TestPerson.Nadia, "vote clore")))
        {
            Assert.Equal(HttpStatusCode.OK, closing.StatusCode);
        }

        await WaitUntilAsync(() => FailedPuts(bed) >= 5, "the live card stopped retrying during the outage");
        Volatile.Write(ref down, false);

        // Assert: the shared card turns into the final ranking once the connector answers.
        await WaitUntilAsync(
            () => AcceptedPuts(bed).Any(put => ConversationTestBed.FindAction(PulseFlows.CardOf(put), CardVerbs.VoteOpen) is null),
            "the closed card never replaced the open one");
        var final = PulseFlows.CardOf(AcceptedPuts(bed)[^1]);
        Assert.Null(ConversationTestBed.FindAction(final, CardVerbs.VoteOpen));
        Assert.Equal([1, 0, 0], VoteCardReading.Scores(final, ["Logement", "Mobilité", "Emploi des jeunes"]));
    }

    private static List<CapturedRequest> AcceptedPuts(ConversationTestBed bed) =>
        [.. bed.Connector.Requests.Where(r => r.Operation == ConnectorOperation.UpdateActivity && r.ResponseStatus is >= 200 and < 300)];

    private static int FailedPuts(ConversationTestBed bed) =>
        bed.Connector.Requests.Count(r => r.Operation == ConnectorOperation.UpdateActivity && r.ResponseStatus == 503);

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(25);
        }
    }

    /// <summary>No token (local mode) when working; MSAL's own exception, unwrapped, while <see cref="Failing"/>.</summary>
    private sealed class SwitchableTokenProvider : IAccessTokenProvider
    {
        private int _failures;
        private volatile bool _failing;

        public bool Failing
        {
            get => _failing;
            set => _failing = value;
        }

        public int Failures => Volatile.Read(ref _failures);

        public Task<string?> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            if (_failing)
            {
                Interlocked.Increment(ref _failures);
                throw new MsalServiceException("temporarily_unavailable", "AADSTS50196: the server is temporarily unavailable (simulated).");
            }

            return Task.FromResult<string?>(null);
        }
    }
}
