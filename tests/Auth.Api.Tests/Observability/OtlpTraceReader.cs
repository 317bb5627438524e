using System.Text;

namespace Auth.Api.Tests.Observability;

/// <summary>A span as an OTLP exporter sent it, with its resource's attributes.</summary>
public sealed record ExportedSpan(
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    int Kind,
    int StatusCode,
    IReadOnlyDictionary<string, object> Attributes,
    IReadOnlyDictionary<string, object> Resource)
{
    public const int Server = 2;
    public const int Client = 3;
    public const int StatusError = 2;

    /// <summary>The database a client span talks to, under the current conventions' name or the older one.</summary>
    public string? DatabaseSystem => Attribute("db.system.name") ?? Attribute("db.system");

    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}

/// <summary>
/// Reads an OTLP <c>ExportTraceServiceRequest</c> (opentelemetry/proto/collector/trace/v1) from the protobuf wire
/// format, for the fields the tests look at: no generated classes are served here, and the wire format is small
/// (https://protobuf.dev/programming-guides/encoding/). Field numbers are those of opentelemetry/proto/trace/v1/trace.proto,
/// resource/v1/resource.proto and common/v1/common.proto.
/// </summary>
public static class OtlpTraceReader
{
    private const int Varint = 0;
    private const int Fixed64 = 1;
    private const int Length = 2;
    private const int Fixed32 = 5;

    public static List<ExportedSpan> Read(byte[] request)
    {
        var spans = new List<ExportedSpan>();
        foreach (var (field, _, value) in Fields(request))
        {
            if (field == 1)
            {
                ReadResourceSpans(value, spans);
            }
        }

        return spans;
    }

    private static void ReadResourceSpans(ReadOnlyMemory<byte> message, List<ExportedSpan> spans)
    {
        var resource = new Dictionary<string, object>();
        var scopeSpans = new List<ReadOnlyMemory<byte>>();
        foreach (var (field, _, value) in Fields(message))
        {
            switch (field)
            {
                case 1:
                    foreach (var (attribute, _, keyValue) in Fields(value))
                    {
                        if (attribute == 1)
                        {
                            AddKeyValue(keyValue, resource);
                        }
                    }

                    break;
                case 2:
                    scopeSpans.Add(value);
                    break;
            }
        }

        foreach (var scope in scopeSpans)
        {
            foreach (var (field, _, value) in Fields(scope))
            {
                if (field == 2)
                {
                    spans.Add(ReadSpan(value, resource));
                }
            }
        }
    }

    private static ExportedSpan ReadSpan(ReadOnlyMemory<byte> message, IReadOnlyDictionary<string, object> resource)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        int kind = 0, status = 0;
        var attributes = new Dictionary<string, object>();
        foreach (var (field, number, value) in Fields(message))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(value.Span); break;
                case 2: spanId = Convert.ToHexStringLower(value.Span); break;
                case 4: parent = Convert.ToHexStringLower(value.Span); break;
                case 5: name = Encoding.UTF8.GetString(value.Span); break;
                case 6: kind = (int)number; break;
                case 9: AddKeyValue(value, attributes); break;
                case 15:
                    foreach (var (statusField, code, _) in Fields(value))
                    {
                        if (statusField == 3)
                        {
                            status = (int)code;
                        }
                    }

                    break;
            }
        }

        return new ExportedSpan(traceId, spanId, parent, name, kind, status, attributes, resource);
    }

    /// <summary>KeyValue { key = 1; AnyValue value = 2 }; AnyValue { string 1, bool 2, int64 3, double 4, ... }.</summary>
    private static void AddKeyValue(ReadOnlyMemory<byte> message, Dictionary<string, object> into)
    {
        string? key = null;
        object value = "";
        foreach (var (field, _, content) in Fields(message))
        {
            if (field == 1)
            {
                key = Encoding.UTF8.GetString(content.Span);
            }
            else if (field == 2)
            {
                foreach (var (kind, number, bytes) in Fields(content))
                {
                    value = kind switch
                    {
                        1 => Encoding.UTF8.GetString(bytes.Span),
                        2 => number != 0,
                        3 => (long)number,
                        4 => BitConverter.Int64BitsToDouble((long)number),
                        _ => $"(field {kind})",
                    };
                }
            }
        }

        if (key is not null)
        {
            into[key] = value;
        }
    }

    /// <summary>The fields of one message: number, the varint or fixed value, or the bytes of a length-delimited one.</summary>
    private static IEnumerable<(int Field, ulong Number, ReadOnlyMemory<byte> Bytes)> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = ReadVarint(message.Span, ref position);
            var field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case Varint:
                    yield return (field, ReadVarint(message.Span, ref position), ReadOnlyMemory<byte>.Empty);
                    break;
                case Fixed64:
                    yield return (field, BitConverter.ToUInt64(message.Span.Slice(position, 8)), ReadOnlyMemory<byte>.Empty);
                    position += 8;
                    break;
                case Length:
                    var length = (int)ReadVarint(message.Span, ref position);
                    yield return (field, 0, message.Slice(position, length));
                    position += length;
                    break;
                case Fixed32:
                    yield return (field, BitConverter.ToUInt32(message.Span.Slice(position, 4)), ReadOnlyMemory<byte>.Empty);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {tag & 7} of field {field} is not used by OTLP.");
            }
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = bytes[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }

        throw new InvalidDataException("A varint longer than 10 bytes.");
    }
}
