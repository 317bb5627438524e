using System.Text.Json.Nodes;

namespace Auth.Application.Scim.Patch;

/// <summary>One operation of a PatchOp request (RFC 7644 §3.5.2); op is matched case-insensitively (Entra sends "Replace").</summary>
public sealed record ScimPatchOperation(string? Op, string? Path, JsonNode? Value);
