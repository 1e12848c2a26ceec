using System.Diagnostics;
using System.Globalization;

namespace ConcertationBot.Tests.Support;

/// <summary>Sends a POSIX signal to a child process with <c>kill -s NAME pid</c> (INT, STOP, CONT, KILL).</summary>
internal static class ProcessSignals
{
    public static async Task SendAsync(int processId, string signal, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("kill") { UseShellExecute = false, RedirectStandardError = true };
        info.ArgumentList.Add("-s");
        info.ArgumentList.Add(signal);
        info.ArgumentList.Add(processId.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(info) ?? throw new InvalidOperationException("Could not run kill.");
        var error = await kill.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await kill.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -s {signal} {processId.ToString(CultureInfo.InvariantCulture)} failed: {error.Trim()}");
        }
    }
}
