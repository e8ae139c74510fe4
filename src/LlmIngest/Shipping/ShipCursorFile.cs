using System.Text.Json;

namespace LlmIngest.Shipping;

/// <summary>Reads and replaces the cursor file atomically (write a temporary file, flush it to disk, rename it over the old one).</summary>
internal sealed class ShipCursorFile(string path)
{
    public string Path { get; } = path;

    /// <summary>The stored cursor, a new one when there is none; throws <see cref="JsonException"/> or <see cref="IOException"/> when it is unreadable.</summary>
    public ShipCursor Load()
    {
        if (!File.Exists(Path))
        {
            return new ShipCursor();
        }

        var bytes = File.ReadAllBytes(Path);
        return JsonSerializer.Deserialize(bytes, ShippingJsonContext.Default.ShipCursor) ?? new ShipCursor();
    }

    public void Save(ShipCursor cursor)
    {
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, cursor, ShippingJsonContext.Default.ShipCursor);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
