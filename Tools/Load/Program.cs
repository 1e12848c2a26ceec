using System.Globalization;
using ConcertationBot.Load;
using ConcertationBot.Tests.Support;

LoadSettings settings;
try
{
    settings = LoadSettings.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    Console.Error.WriteLine(LoadSettings.Usage);
    return 2;
}

using var timeout = new CancellationTokenSource(settings.Timeout);
using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};

var output = Console.Out;
var root = RepositoryPaths.Root;
var logDirectory = Path.Combine(root, ".data", "logs");
try
{
    return await LoadRun.RunAsync(settings, root, logDirectory, output, interrupted.Token) ? 0 : 1;
}
catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
{
    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: cancelled (timeout {settings.Timeout.TotalSeconds:0} s or Ctrl+C)"));
    return 1;
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine("error: " + ex.Message);
    return 1;
}
