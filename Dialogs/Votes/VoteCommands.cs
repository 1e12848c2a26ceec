using ConcertationBot.Cards.Localization;
using ConcertationBot.Cards.Votes;

namespace ConcertationBot.Dialogs.Votes;

/// <summary>What a <c>vote …</c> message asks for.</summary>
public enum VoteCommandKind
{
    /// <summary><c>vote question : option ; option …</c>: <see cref="VoteCommand.Definition"/> is set.</summary>
    Open,

    /// <summary><c>vote leviers</c> / <c>vote levers</c>: options come from the last closed pulse; <see cref="VoteCommand.Rules"/> is set.</summary>
    Levers,

    /// <summary><c>vote clore</c> / <c>vote close</c>.</summary>
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
/// in French or English, case- and accent-insensitive.
/// </summary>
public static class VoteCommands
{
    public const int MinOptions = 2;
    public const int MaxOptions = 12;
    public const int MaxQuestionLength = 200;
    public const int MaxOptionLength = 100;
    public const int DefaultPoints = 3;
    public const int MaxPoints = 99;

    /// <summary>Reads the whole message text (the bot's mention already removed), which starts with the word <c>vote</c>.</summary>
    public static VoteCommand Parse(string text) => throw new NotImplementedException();

    /// <summary>The help card's explanation of <paramref name="problem"/> (null for <see cref="VoteCommandProblem.None"/>).</summary>
    public static string? Describe(VoteCommandProblem problem, Language language) => throw new NotImplementedException();
}
