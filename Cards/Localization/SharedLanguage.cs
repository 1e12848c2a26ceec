using ConcertationBot.Cards.AdaptiveCards;

namespace ConcertationBot.Cards.Localization;

/// <summary>
/// How a card posted for everyone in a conversation speaks: in <see cref="Language"/>, or, when
/// <see cref="Bilingual"/>, in French and English merged (<see cref="BilingualCard"/>).
/// </summary>
public readonly record struct SharedLanguage(Language Language, bool Bilingual)
{
    /// <summary>The shared language of a pulse or vote from the code it stored when it opened (<c>"fr"</c>, <c>"en"</c>, <c>"bi"</c>).</summary>
    public static SharedLanguage FromCode(string? code) =>
        Languages.IsBilingual(code) ? new(Language.French, Bilingual: true) : new(Languages.FromCode(code), Bilingual: false);

    /// <summary>What a record stores: <c>"bi"</c>, <c>"fr"</c> or <c>"en"</c>.</summary>
    public string Code => Bilingual ? Languages.BilingualCode : Languages.ToCode(Language);

    public AdaptiveCard Card(Func<Language, AdaptiveCard> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        return Bilingual ? BilingualCard.Build(build) : build(Language);
    }

    public Task<AdaptiveCard> CardAsync(Func<Language, CancellationToken, Task<AdaptiveCard>> build, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(build);
        return Bilingual ? BilingualCard.BuildAsync(build, cancellationToken) : build(Language, cancellationToken);
    }

    public static implicit operator SharedLanguage(Language language) => new(language, Bilingual: false);
}
