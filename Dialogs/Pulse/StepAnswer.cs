namespace ConcertationBot.Dialogs.Pulse;

/// <summary>
/// One step's answer (or the inputs kept after a refusal). Only the fields of the step's kind are set:
/// rating → <see cref="Rating"/> or <see cref="DontKnow"/>; freinLevier → <see cref="Frein"/>, <see cref="Levier"/>;
/// choice → <see cref="Choice"/> (an option id); change → <see cref="Text"/>, <see cref="Direction"/> ("positive"/"negative");
/// deepening → <see cref="Facilitant"/>, <see cref="Ecueil"/>, <see cref="Souhait"/>.
/// </summary>
public sealed record StepAnswer
{
    public int? Rating { get; init; }

    public bool DontKnow { get; init; }

    public string? Frein { get; init; }

    public string? Levier { get; init; }

    public string? Choice { get; init; }

    public string? Text { get; init; }

    public string? Direction { get; init; }

    public string? Facilitant { get; init; }

    public string? Ecueil { get; init; }

    public string? Souhait { get; init; }

    /// <summary>True when nothing is answered (such an answer is not kept).</summary>
    public bool IsEmpty =>
        Rating is null && !DontKnow && Frein is null && Levier is null && Choice is null && Text is null && Direction is null
        && Facilitant is null && Ecueil is null && Souhait is null;
}
