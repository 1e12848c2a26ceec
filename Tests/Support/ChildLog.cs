using System.Diagnostics;

namespace ConcertationBot.Tests.Support;

/// <summary>
/// Copies a child process's stdout and stderr into a log file (when given a path), and keeps the last lines for error
/// messages.
/// </summary>
public sealed class ChildLog : IDisposable
{
    private readonly StreamWriter? _file;
    private readonly Queue<string> _tail = new();
    private readonly object _gate = new();

    public ChildLog(string? path)
    {
        LogPath = path;
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _file = new StreamWriter(path, append: false) { AutoFlush = true };
        }
    }

    public string? LogPath { get; }

    public void Attach(Process process)
    {
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Tail()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _file?.WriteLine(line);
            _tail.Enqueue(line);
            while (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }
    }
}
