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
            r => r.At >= since && r.IsPost && r.Succeeded && r.Body.Contains("application/vnd.microsoft.card.adaptive", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            cancellationToken).ConfigureAwait(false);
        if (card is null)
        {
            output.WriteLine("smoke: no card reached the connector within 30 s");
            output.WriteLine("verdict: FAIL");
            return false;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"smoke: {card.Method} {card.Path} -> {card.Status}, {card.Body.Length} bytes of card"));
        output.WriteLine(setup.DescribeMemory());
        var pass = answer.Status is >= 200 and < 300;
        output.WriteLine("verdict: " + (pass ? "PASS" : "FAIL"));
        return pass;
    }
}
