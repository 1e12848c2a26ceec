using System.Globalization;

namespace ConcertationBot.Load;

/// <summary>A round trip through the whole set-up: <c>aide</c> in the channel, the help card back at the connector.</summary>
internal static class SmokeScenario
{
    public static async Task<bool> RunAsync(BotUnderLoad setup, TextWriter output, CancellationToken cancellationToken)
    {
        var since = setup.Connector.Now;
        var answer = await setup.Channel.SendAsync(setup.Channel.Message(setup.Coordinator, "aide"), cancellationToken).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"smoke: 'aide' answered {answer.Status} in {answer.Latency.TotalMilliseconds:0.0} ms"));
        var card = await setup.Connector.WaitForAsync(
            r => r.ReceivedAt >= since && r.IsPost && r.Succeeded && r.Body.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            cancellationToken).ConfigureAwait(false);
        if (card is null)
        {
            output.WriteLine("smoke: no card reached the connector within 30 s");
            output.WriteLine("verdict: FAIL");
            return false;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"smoke: {card.Method} {card.Path} -> {card.ResponseStatus}, {card.Body.Length} bytes of card"));
        output.WriteLine(setup.DescribeMemory());
        var limited = await CheckRateLimitAsync(setup.Connector, output, cancellationToken).ConfigureAwait(false);
        var pass = answer.Status is >= 200 and < 300 && limited;
        output.WriteLine("verdict: " + (pass ? "PASS" : "FAIL"));
        return pass;
    }

    /// <summary>Ten sends at once to a fresh conversation: Teams lets 7 through in a second and answers 429 + Retry-After to the rest.</summary>
    private static async Task<bool> CheckRateLimitAsync(CaptureConnector connector, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(connector.ServiceUrl) };
        var path = new Uri("v3/conversations/" + Uri.EscapeDataString("19:rate-check@thread.tacv2") + "/activities", UriKind.Relative);
        var sends = Enumerable.Range(0, 10).Select(async _ =>
        {
            using var content = new StringContent("{\"type\":\"message\",\"text\":\"x\"}", System.Text.Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(path, content, cancellationToken).ConfigureAwait(false);
            return ((int)response.StatusCode, response.Headers.RetryAfter?.Delta);
        });
        var results = await Task.WhenAll(sends).ConfigureAwait(false);
        var accepted = results.Count(r => r.Item1 == 201);
        var limited = results.Count(r => r.Item1 == 429 && r.Delta >= TimeSpan.FromSeconds(1));
        var ok = accepted == 7 && limited == 3;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"smoke: connector rate limit: 10 sends at once -> {accepted}×201, {limited}×429 with Retry-After ({(ok ? "ok" : "WRONG")})"));
        return ok;
    }
}
