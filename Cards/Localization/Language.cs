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
}
