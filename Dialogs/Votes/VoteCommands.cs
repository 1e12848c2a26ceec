using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;
using ConcertationBot.Dialogs.Commands;
using ConcertationBot.Dialogs.Summaries;

namespace ConcertationBot.Dialogs.Votes;

/// <summary>What a <c>vote …</c> message asks for.</summary>
public enum VoteCommandKind
{
    /// <summary><c>vote question : option ; option …</c>: <see cref="VoteCommand.Definition"/> is set.</summary>
    Open,

    /// <summary><c>vote leviers</c> / <c>vote levers</c>: options come from the last closed pulse; <see cref="VoteCommand.Rules"/> is set.</summary>
    Levers,

    /// <summary><c>vote clore</c> / <c>vote close</c> (or <c>vote fermer</c>, <c>vote terminer</c>).</summary>
    Close,

    /// <summary>Unreadable: <see cref="VoteCommand.Problem"/> says why (the bot answers with the help card).</summary>
    Invalid,
}

/// <summary>Why a <c>vote</c> command could not be read.</summary>
public enum VoteCommandProblem
{
    None,

    /// <summary>Just <c>vote</c>, or nothing after the settings.</summary>
    Empty,

    /// <summary>No <c>:</c> between the question and the options, or nothing before it.</summary>
    NoQuestion,

    TooFewOptions,
    TooManyOptions,

    /// <summary>Two options equal after case, accent and space folding.</summary>
    DuplicateOption,

    QuestionTooLong,
    OptionTooLong,

    /// <summary><c>top N</c> outside 1..(options − 1), or <c>points N</c> outside 1..99, or a setting given twice or both top and points.</summary>
    BadSetting,
}

/// <summary>A read <c>vote</c> command.</summary>
public sealed record VoteCommand(VoteCommandKind Kind, VoteRules Rules, VoteDefinition? Definition = null, VoteCommandProblem Problem = VoteCommandProblem.None);

/// <summary>
/// Reads <c>vote</c> commands: <c>vote [settings] question : option ; option …[; settings]</c>, <c>vote leviers [settings]</c>,
/// <c>vote clore</c>. Settings: <c>top N</c>, <c>points N</c> (default 3), <c>résultats cachés</c> / <c>hidden results</c>,
/// <c>résultats publics</c> / <c>public results</c> (tallies shown even under k ballots), in French or English, case- and
/// accent-insensitive.
/// </summary>
public static partial class VoteCommands
{
    public const int MinOptions = 2;
    public const int MaxOptions = 12;
    public const int MaxQuestionLength = 200;
    public const int MaxOptionLength = 100;
    public const int DefaultPoints = 3;
    public const int MaxPoints = 99;

    private const string Keyword = "vote";

    private static readonly VoteRules DefaultRules = new(VoteMode.Single, 1, false);

    /// <summary>
    /// The question of a <c>vote leviers</c>: in the singular when each person picks one lever (single choice or top 1),
    /// in the plural when they pick several or spread points.
    /// </summary>
    public static string LeversQuestion(VoteRules rules, Language language)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return (IsSingleChoice(rules) ? LeversQuestionSingular : LeversQuestionPlural).For(language);
    }

    /// <summary>True when each person picks one option (single choice, or top 1): a vote's question is then in the singular.</summary>
    public static bool IsSingleChoice(VoteRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Mode == VoteMode.Single || (rules.Mode == VoteMode.TopN && rules.Limit == 1);
    }

    /// <summary>Reads the whole message text (the bot's mention already removed), which starts with the word <c>vote</c>.</summary>
    public static VoteCommand Parse(string text)
    {
        var cleaned = VoteText.Clean(text);
        if (!StartsWithKeyword(cleaned))
        {
            return Invalid(VoteCommandProblem.Empty);
        }

        var rest = cleaned[Keyword.Length..].Trim();
        var colon = SeparatorColon(rest);
        return colon < 0 ? ParseWithoutColon(rest) : ParseOpen(rest[..colon], rest[(colon + 1)..]);
    }

    /// <summary>The help card's explanation of <paramref name="problem"/> (null for <see cref="VoteCommandProblem.None"/>).</summary>
    public static string? Describe(VoteCommandProblem problem, Language language) => problem switch
    {
        VoteCommandProblem.Empty => EmptyText.For(language),
        VoteCommandProblem.NoQuestion => NoQuestionText.For(language),
        VoteCommandProblem.TooFewOptions => TooFewOptionsText.For(language),
        VoteCommandProblem.TooManyOptions => TooManyOptionsText.For(language),
        VoteCommandProblem.DuplicateOption => DuplicateOptionText.For(language),
        VoteCommandProblem.QuestionTooLong => QuestionTooLongText.For(language),
        VoteCommandProblem.OptionTooLong => OptionTooLongText.For(language),
        VoteCommandProblem.BadSetting => BadSettingText.For(language),
        _ => null,
    };

    private static bool StartsWithKeyword(string text) =>
        text.StartsWith(Keyword, StringComparison.OrdinalIgnoreCase)
        && (text.Length == Keyword.Length || text[Keyword.Length] is ' ' or ':' or ';');

    // The first ':' that is not inside a time or a number ("10:30") or a link ("https://").
    private static int SeparatorColon(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != ':')
            {
                continue;
            }

            var between = i > 0 && i + 1 < text.Length && char.IsAsciiDigit(text[i - 1]) && char.IsAsciiDigit(text[i + 1]);
            var link = text.AsSpan(i).StartsWith("://", StringComparison.Ordinal);
            if (!between && !link)
            {
                return i;
            }
        }

        return -1;
    }

    // "vote", "vote clore", "vote leviers top 3", or a question without its ':'.
    private static VoteCommand ParseWithoutColon(string rest)
    {
        var words = Words(rest.Replace(';', ' ').Replace(',', ' '));
        if (words.Count == 0)
        {
            return Invalid(VoteCommandProblem.Empty);
        }

        if (words.Count == 1 && CommandText.Fold(words[0]) is "clore" or "close" or "fermer" or "terminer")
        {
            return new VoteCommand(VoteCommandKind.Close, DefaultRules);
        }

        var settings = new VoteSettings();
        var at = settings.ReadLeading(words);
        if (at == words.Count)
        {
            return Invalid(VoteCommandProblem.Empty);
        }

        if (CommandText.Fold(words[at]) is not ("leviers" or "levers" or "levier" or "lever"))
        {
            return Invalid(VoteCommandProblem.NoQuestion);
        }

        var end = settings.ReadLeading(words, at + 1);
        return end == words.Count && settings.IsValid(MaxOptions)
            ? new VoteCommand(VoteCommandKind.Levers, settings.ToRules())
            : Invalid(VoteCommandProblem.BadSetting);
    }

    private static VoteCommand ParseOpen(string head, string tail)
    {
        var settings = new VoteSettings();
        var headWords = Words(head);
        var questionStart = settings.ReadLeading(headWords);
        var question = string.Join(' ', headWords.Skip(questionStart));

        var segments = tail.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        while (segments.Count > 0 && VoteSettings.AreOnlySettings(Words(segments[^1])))
        {
            settings.ReadLeading(Words(segments[^1]));
            segments.RemoveAt(segments.Count - 1);
        }

        var problem = Validate(question, segments, settings);
        return problem == VoteCommandProblem.None
            ? new VoteCommand(VoteCommandKind.Open, settings.ToRules(), new VoteDefinition(question, segments, settings.ToRules()))
            : Invalid(problem);
    }

    // Settings that are wrong whatever the options first, then the texts, then top N against the options.
    private static VoteCommandProblem Validate(string question, List<string> options, VoteSettings settings)
    {
        if (!settings.IsWellFormed)
        {
            return VoteCommandProblem.BadSetting;
        }

        if (question.Length == 0)
        {
            return VoteCommandProblem.NoQuestion;
        }

        if (options.Count < MinOptions)
        {
            return VoteCommandProblem.TooFewOptions;
        }

        if (options.Count > MaxOptions)
        {
            return VoteCommandProblem.TooManyOptions;
        }

        if (VoteText.Length(question) > MaxQuestionLength)
        {
            return VoteCommandProblem.QuestionTooLong;
        }

        if (options.Any(o => VoteText.Length(o) > MaxOptionLength))
        {
            return VoteCommandProblem.OptionTooLong;
        }

        if (options.Select(PulseSummaries.FoldForMerge).Distinct(StringComparer.Ordinal).Count() < options.Count)
        {
            return VoteCommandProblem.DuplicateOption;
        }

        return settings.IsValid(options.Count) ? VoteCommandProblem.None : VoteCommandProblem.BadSetting;
    }

    // The text is already cleaned (single spaces), so joining words again gives back the user's spelling.
    private static IReadOnlyList<string> Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static VoteCommand Invalid(VoteCommandProblem problem) => new(VoteCommandKind.Invalid, DefaultRules, Problem: problem);
}
