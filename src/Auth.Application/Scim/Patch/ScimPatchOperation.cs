using System.Text.Json.Nodes;

namespace Auth.Application.Scim.Patch;

/// <summary>
/// One operation of a PatchOp request (RFC 7644 §3.5.2); op is matched case-insensitively (Entra sends "Replace").
/// HasValue tells a value member that is null (Value is null, HasValue true) from one that is missing.
/// </summary>
public sealed record ScimPatchOperation(string? Op, string? Path, JsonNode? Value, bool HasValue);
