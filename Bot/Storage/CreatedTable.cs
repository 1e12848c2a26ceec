using Azure.Data.Tables;

namespace ConcertationBot.Bot.Storage;

/// <summary>A table created on first use, once per instance (the stores are singletons, so once per process).</summary>
internal sealed class CreatedTable(TableClient table)
{
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public string Name => table.Name;

    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return table;
        }

        await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                _created = true;
            }
        }
        finally
        {
            _createLock.Release();
        }

        return table;
    }
}
