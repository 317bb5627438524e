using System.Threading.Channels;
using Auth.Application.Audit;
using Auth.Domain.Audit;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Audit;

/// <summary>
/// Audit records on their way to the database. Enqueuing never waits, so a sign-in or a token request does not pay
/// for a second insert; the writer stores them in batches. When the database is away long enough for the queue to
/// fill, new records are counted as dropped (they were already written to the log).
/// </summary>
public sealed class AuditQueue(IOptions<AuditOptions> options)
{
    private readonly Channel<AuditEntry> _channel = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public int Pending => _channel.Reader.Count;

    public ChannelReader<AuditEntry> Reader => _channel.Reader;

    public void Enqueue(AuditEntry entry)
    {
        if (!_channel.Writer.TryWrite(entry))
        {
            Interlocked.Increment(ref _dropped);
        }
    }
}
