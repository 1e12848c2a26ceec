using System.Globalization;
using System.Text;

namespace ConcertationBot.Bot.Storage.Tables;

/// <summary>Turns an interpolated filter into OData text with every argument as a safely quoted literal.</summary>
internal static class TableQueryFilter
{
    public static string Create(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments();
        var literals = new object?[arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            literals[i] = ToLiteral(arguments[i]);
        }

        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    public static string ToLiteral(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        char c => Quote(c.ToString()),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset d => "datetime'" + TableEntitySerializer.FormatDateTime(d) + "'",
        DateTime d => "datetime'" + TableEntitySerializer.FormatDateTime(TableEntitySerializer.ToOffset(d)) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        BinaryData data => "X'" + Convert.ToHexStringLower(data.ToArray()) + "'",
        Enum e => Quote(e.ToString()),
        _ => throw new NotSupportedException($"Values of type {value.GetType().Name} cannot be used in a table query filter."),
    };

    private static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('\'');
        builder.Append(value.Replace("'", "''", StringComparison.Ordinal));
        builder.Append('\'');
        return builder.ToString();
    }
}
