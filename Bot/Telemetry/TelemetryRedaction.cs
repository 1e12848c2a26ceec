using System.Diagnostics;
using System.Text;
using OpenTelemetry;

namespace ConcertationBot.Bot.Telemetry;

/// <summary>
/// Rewrites the URL tags of every span before it is exported, so that no conversation id, activity id, table key or
/// export grant leaves the process: <c>https://smba.net/amer/v3/conversations/19:x@thread.tacv2/activities/17</c> becomes
/// <c>https://smba.net/amer/v3/conversations/{id}/activities/{id}</c>; <c>PulseAnswers(PartitionKey='…',RowKey='…')</c>
/// becomes <c>PulseAnswers(…)</c>; query strings are dropped.
/// </summary>
public sealed class TelemetryRedaction : BaseProcessor<Activity>
{
    /// <summary>The tags that hold a URL or a part of one (current and older semantic conventions).</summary>
    private static readonly string[] UrlTags = ["url.full", "url.path", "url.query", "http.url", "http.target"];

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string value)
            {
                data.SetTag(tag, tag == "url.query" ? null : Redact(value));
            }
        }

        // "PUT" stays; "POST /api/messages" keeps its method and has its path redacted like the tags.
        var space = data.DisplayName.IndexOf(' ', StringComparison.Ordinal);
        if (space > 0)
        {
            data.DisplayName = data.DisplayName[..(space + 1)] + Redact(data.DisplayName[(space + 1)..]);
        }
    }

    /// <summary>A URL, or a path, with every segment that is not a plain word replaced by <c>{id}</c> and no query.</summary>
    public static string Redact(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        string prefix;
        string path;
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            prefix = absolute.GetLeftPart(UriPartial.Authority);
            path = absolute.AbsolutePath;
        }
        else
        {
            prefix = string.Empty;
            path = url.Split('?', 2)[0];
        }

        var redacted = new StringBuilder(prefix);
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (i > 0)
            {
                redacted.Append('/');
            }

            redacted.Append(Segment(segments[i]));
        }

        return redacted.ToString();
    }

    private static string Segment(string segment)
    {
        if (segment.Length == 0)
        {
            return segment;
        }

        // A Table Storage entity address: the table's name is kept, its keys are not.
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        if (open > 0)
        {
            return IsWord(segment[..open]) ? segment[..open] + "(…)" : "{id}";
        }

        return IsWord(segment) ? segment : "{id}";
    }

    /// <summary>Letters, then at most two digits ("v3", "messages", "PulseAnswers"); ids and hashes have more digits or other characters.</summary>
    private static bool IsWord(string segment)
    {
        var letters = 0;
        while (letters < segment.Length && char.IsAsciiLetter(segment[letters]))
        {
            letters++;
        }

        var digits = segment.Length - letters;
        return letters > 0 && digits <= 2 && segment.AsSpan(letters).ContainsAnyExcept("0123456789") is false && segment.Length <= 64;
    }
}
