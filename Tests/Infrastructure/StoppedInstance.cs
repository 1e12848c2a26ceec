namespace ConcertationBot.Tests.Infrastructure;

/// <summary>
/// Two instances on one Azurite where the instance that closed a pulse or a vote stops before Teams accepted the card's
/// last update (issue #19): what the pulse and vote final-card tests share to stop instance A and start instance B.
/// </summary>
internal static class StoppedInstance
{
    /// <summary>A close is retried after a second, and a stopping host does not wait for its live-card updates.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Concertation:CloseRetryDelay"] = "00:00:01",
        ["LiveCards:ShutdownTimeout"] = "00:00:00",
    };

    /// <summary>From now on Teams refuses every card update of <paramref name="bed"/>'s connector (503).</summary>
    public static void RefuseCardUpdates(ConversationTestBed bed) =>
        bed.Connector.Responder = r => r.Operation == ConnectorOperation.UpdateActivity
            ? CannedResponse.Error(503, "ServiceUnavailable", "Injected fault: Teams refuses card updates.")
            : null;

    /// <summary>
    /// Stops <paramref name="first"/>'s host (its pending update is abandoned); its connector stays, as Teams does, and
    /// accepts card updates again. Returns how many card updates Teams had accepted by then.
    /// </summary>
    public static async Task<int> StopAsync(ConversationTestBed first)
    {
        await first.Factory.DisposeAsync();
        first.Connector.Responder = null;
        return CardUpdates(first).Count;
    }

    /// <summary>Instance B on the same storage and conversation as <paramref name="first"/>, once the close's retry delay has passed.</summary>
    public static async Task<ConversationTestBed> StartSecondAsync(string connectionString, ConversationTestBed first)
    {
        var second = await ConversationTestBed.StartAsync(
            connectionString, [TestPerson.Nadia], Settings, sameConversationAs: (first.ConversationId, first.TeamId));
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        return second;
    }

    /// <summary>The card updates Teams accepted on <paramref name="bed"/>'s connector, oldest first.</summary>
    public static List<CapturedRequest> CardUpdates(ConversationTestBed bed) =>
        [.. bed.Connector.AcceptedActivities.Where(r => r.Operation == ConnectorOperation.UpdateActivity)];
}
