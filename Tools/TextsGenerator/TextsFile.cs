using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace ConcertationBot.Tools.TextsGenerator;

/// <summary>One text of a texts file: the field it becomes and its two languages.</summary>
public sealed record TextEntry(string Visibility, string Name, string French, string English, int Line);

/// <summary>A line of a texts file that cannot be read; <see cref="Line"/> counts from 1.</summary>
public sealed record TextsError(int Line, string Message);

/// <summary>
/// Reads a texts file: <c>#</c> comments and blank lines; an entry is a line <c>[public |internal ]Name</c>
/// followed by the indented lines <c>fr: …</c> and <c>en: …</c>. A value is the rest of its line, with the escapes
/// <c>\n</c> (new line), <c>\t</c> (tab), <c>\s</c> (a space, needed only at either end), <c>\\</c> and <c>\uXXXX</c>.
/// Every line that does not fit is an error; nothing is skipped.
/// </summary>
public static class TextsFile
{
    private static readonly Regex EntryLine = new(@"^(?:(public|internal|private) )?([A-Za-z_][A-Za-z0-9_]*)$", RegexOptions.CultureInvariant);

    public static (ImmutableArray<TextEntry> Entries, ImmutableArray<TextsError> Errors) Parse(string text)
    {
        var entries = ImmutableArray.CreateBuilder<TextEntry>();
        var errors = ImmutableArray.CreateBuilder<TextsError>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        Pending? pending = null;

        void Finish()
        {
            if (pending is null)
            {
                return;
            }

            if (pending.French is null || pending.English is null)
            {
                errors.Add(new TextsError(pending.Line, $"'{pending.Name}' needs both an 'fr:' and an 'en:' line"));
            }
            else if (!names.Add(pending.Name))
            {
                errors.Add(new TextsError(pending.Line, $"'{pending.Name}' is already defined in this file"));
            }
            else
            {
                entries.Add(new TextEntry(pending.Visibility, pending.Name, pending.French, pending.English, pending.Line));
            }

            pending = null;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].EndsWith("\r", StringComparison.Ordinal) ? lines[i].Substring(0, lines[i].Length - 1) : lines[i];
            var trimmed = line.TrimStart(' ', '\t');
            if (trimmed.Length == 0 || trimmed.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            if (trimmed.Length == line.Length)
            {
                Finish();
                var match = EntryLine.Match(line);
                if (!match.Success)
                {
                    errors.Add(new TextsError(number, $"expected a name such as 'Heading' or 'public Heading', found '{line}'"));
                    continue;
                }

                var visibility = match.Groups[1].Success ? match.Groups[1].Value : "private";
                pending = new Pending(visibility, match.Groups[2].Value, number);
                continue;
            }

            var language = trimmed.StartsWith("fr:", StringComparison.Ordinal) ? "fr"
                : trimmed.StartsWith("en:", StringComparison.Ordinal) ? "en"
                : null;
            if (language is null)
            {
                errors.Add(new TextsError(number, $"expected an indented 'fr: …' or 'en: …' line, found '{trimmed}'"));
                continue;
            }

            if (pending is null)
            {
                errors.Add(new TextsError(number, $"'{language}:' line without a name line above it"));
                continue;
            }

            var raw = trimmed.Substring(3);
            if (raw.StartsWith(" ", StringComparison.Ordinal))
            {
                raw = raw.Substring(1);
            }

            if (!TryUnescape(raw, out var value, out var problem))
            {
                // Reported once, here: the line still counts as the entry's text, so no second error says it is missing.
                errors.Add(new TextsError(number, problem));
                value = raw;
            }

            if (language == "fr")
            {
                if (pending.French is not null)
                {
                    errors.Add(new TextsError(number, $"'{pending.Name}' has a second 'fr:' line"));
                    continue;
                }

                pending.French = value;
            }
            else
            {
                if (pending.English is not null)
                {
                    errors.Add(new TextsError(number, $"'{pending.Name}' has a second 'en:' line"));
                    continue;
                }

                pending.English = value;
            }
        }

        Finish();
        return (entries.ToImmutable(), errors.ToImmutable());
    }

    /// <summary>The value of a <c>fr:</c> or <c>en:</c> line; white space at either end must be written <c>\s</c> or <c>\t</c>, so no editor can trim it away unseen.</summary>
    public static bool TryUnescape(string raw, out string value, out string problem)
    {
        value = "";
        problem = "";
        if (raw.Length > 0 && (char.IsWhiteSpace(raw[0]) || char.IsWhiteSpace(raw[raw.Length - 1])))
        {
            problem = @"white space at either end of a text must be written as an escape: \s (space), \t (tab) or \uXXXX";
            return false;
        }

        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsControl(c))
            {
                problem = @"a tab or control character inside a text must be written \t or \uXXXX";
                return false;
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (i + 1 == raw.Length)
            {
                problem = @"a text ends with a lone '\'; write \\ for a backslash";
                return false;
            }

            var e = raw[++i];
            switch (e)
            {
                case '\\': builder.Append('\\'); break;
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 's': builder.Append(' '); break;
                case 'u' when i + 4 < raw.Length && IsHex(raw, i + 1, 4):
                    builder.Append((char)Convert.ToInt32(raw.Substring(i + 1, 4), 16));
                    i += 4;
                    break;
                default:
                    problem = $@"unknown escape '\{e}': use \n, \t, \s, \\ or \uXXXX";
                    return false;
            }
        }

        value = builder.ToString();
        return true;
    }

    private static bool IsHex(string s, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            if (!Uri.IsHexDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private sealed class Pending(string visibility, string name, int line)
    {
        public string Visibility { get; } = visibility;
        public string Name { get; } = name;
        public int Line { get; } = line;
        public string? French { get; set; }
        public string? English { get; set; }
    }
}
