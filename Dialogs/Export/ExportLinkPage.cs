namespace ConcertationBot.Dialogs.Export;

/// <summary>
/// The small page a browser shows for an export link that has expired, was altered or names nothing (HTTP 403 or 404),
/// in French and English (the link does not say whose language to speak): never the browser's bare error page.
/// </summary>
public static class ExportLinkPage
{
    /// <summary>What the page says in French.</summary>
    public const string French = "Ce lien a expiré ou n'est pas valide : demandez un nouvel export dans Teams.";

    /// <summary>What the page says in English.</summary>
    public const string English = "This link has expired or is not valid: ask for a new export in Teams.";

    /// <summary>The page, UTF-8 HTML with no script and no outside resource.</summary>
    public const string Html = """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>Compte-rendu : lien non valide · link not valid</title>
        <style>body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#242424}h1{font-size:1.3rem}</style>
        </head>
        <body>
        <h1>Lien non valide</h1>
        <p>
        """ + French + """
        </p>
        <h1 lang="en">Link not valid</h1>
        <p lang="en">
        """ + English + """
        </p>
        </body>
        </html>

        """;
}
