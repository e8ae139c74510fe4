using System.Text.Json.Serialization;

namespace LlmIngest.Shipping;

/// <summary>Source-generated JSON for the shipping cursor.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ShipCursor))]
internal sealed partial class ShippingJsonContext : JsonSerializerContext;
