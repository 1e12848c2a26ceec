namespace ConcertationBot.Cards.Localization;

/// <summary>The languages the bot speaks: French first, English second.</summary>
public enum Language
{
    French,
    English,
}

public static class Languages
{
    /// <summary>English when the locale starts with <c>en</c>; French for everything else (including none).</summary>
    public static Language FromLocale(string? locale) =>
        locale is not null && locale.StartsWith("en", StringComparison.OrdinalIgnoreCase)
            ? Language.English
            : Language.French;

    /// <summary>
    /// The code of a bilingual conversation (<c>langue bilingue</c>) and of the pulses and votes opened in one: cards
    /// posted for everyone carry French and English (<see cref="BilingualCard"/>). Read as a language, it is French.
    /// </summary>
    public const string BilingualCode = "bi";

    /// <summary>True for <see cref="BilingualCode"/>.</summary>
    public static bool IsBilingual(string? code) => string.Equals(code, BilingualCode, StringComparison.Ordinal);

    /// <summary>How records store a language: <c>"fr"</c> or <c>"en"</c>.</summary>
    public static string ToCode(Language language) => language == Language.English ? "en" : "fr";

    /// <summary>The language of a stored code: English for <c>"en"</c>, French for anything else (including none).</summary>
    public static Language FromCode(string? code) =>
        string.Equals(code, "en", StringComparison.Ordinal) ? Language.English : Language.French;
}
