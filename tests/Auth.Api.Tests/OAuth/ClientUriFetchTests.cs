using System.Net;
using Auth.Api.OAuth;

namespace Auth.Api.Tests.OAuth;

/// <summary>
/// The one GET every fetch from a client's registered address makes (ClientUriFetch): what a client's server can send
/// that is no answer comes back as a reason, never as an exception (which would be a 500 at the endpoint that asked).
/// </summary>
public sealed class ClientUriFetchTests
{
    [Test]
    public async Task A_body_cut_short_is_a_reason_not_an_exception()
    {
        using var client = new HttpClient(new Answering(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new CutShortStream()) }));

        var (body, problem) = await ClientUriFetch.GetAsync(client, "https://client.example/ro.jwt", ["application/jwt"], 1024, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(body, Is.Null);
            Assert.That(problem, Is.EqualTo(nameof(HttpIOException)));
        });
    }

    [Test]
    public async Task A_stated_length_over_the_bound_is_refused_before_the_body_is_read()
    {
        var stream = new CutShortStream();
        using var client = new HttpClient(new Answering(() =>
        {
            var content = new StreamContent(stream);
            content.Headers.ContentLength = 2048;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        }));

        var (body, problem) = await ClientUriFetch.GetAsync(client, "https://client.example/ro.jwt", ["application/jwt"], 1024, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(body, Is.Null);
            Assert.That(problem, Is.EqualTo("answered more than 1 KB"));
            Assert.That(stream.Reads, Is.Zero, "the body was not read");
        });
    }

    [Test]
    public async Task The_callers_own_cancellation_is_not_swallowed()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        using var client = new HttpClient(new Answering(() => new HttpResponseMessage(HttpStatusCode.OK)));

        Assert.That(async () => await ClientUriFetch.GetAsync(client, "https://client.example/ro.jwt", [], 1024, TimeSpan.FromSeconds(5), cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    private sealed class Answering(Func<HttpResponseMessage> answer) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(answer());
        }
    }

    /// <summary>What SocketsHttpHandler's content stream throws when the connection ends before the stated length.</summary>
    private sealed class CutShortStream : Stream
    {
        public int Reads { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
