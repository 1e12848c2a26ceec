using System.Runtime.CompilerServices;
using Azure;

namespace ConcertationBot.Bot.Storage.Tables;

/// <summary>Lazy async paging: fetches the next page only when the caller asks for it.</summary>
internal sealed class TablePageable<T>(
    Func<string?, int?, CancellationToken, Task<Page<T>>> fetchPageAsync,
    CancellationToken cancellationToken) : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
        EnumeratePagesAsync(continuationToken, pageSizeHint, CancellationToken);

    private async IAsyncEnumerable<Page<T>> EnumeratePagesAsync(
        string? continuationToken,
        int? pageSizeHint,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        do
        {
            var page = await fetchPageAsync(continuationToken, pageSizeHint, cancellationToken).ConfigureAwait(false);
            continuationToken = page.ContinuationToken;
            yield return page;
        }
        while (!string.IsNullOrEmpty(continuationToken));
    }
}

/// <summary>A <see cref="NullableResponse{T}"/> for <c>GetEntityIfExists</c>.</summary>
internal sealed class TableNullableResponse<T>(T? value, Response response) : NullableResponse<T>
{
    public override bool HasValue => value is not null;

    public override T? Value => value;

    public override Response GetRawResponse() => response;
}
