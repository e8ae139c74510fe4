using System.Text.Json;
using LlmIngest.Diagnostics;
using LlmIngest.Sinks;
using Microsoft.Extensions.Logging;

namespace LlmIngest.Shipping;

/// <summary>
/// The shipper's cursor in memory and on disk: loaded from <c>.{prefix}.ship.json</c> on first use (a fresh cursor,
/// logged, when the file is unreadable) and saved after every change. Remembers whether the loaded cursor held a
/// pending cut, so the first cut shipped after a restart is logged as resumed.
/// </summary>
internal sealed class ShipCursorStore(IShippableLog log, ILogger logger)
{
    private ShipCursorFile? _file;
    private ShipCursor? _cursor;
    private bool _resumed;

    /// <summary>The cursor once loaded; null before the first <see cref="Load"/>.</summary>
    public ShipCursor? Current => _cursor;

    public ShipCursor Load()
    {
        if (_cursor is not null)
        {
            return _cursor;
        }

        _file = new ShipCursorFile(log.Names.CursorPath);
        try
        {
            _cursor = _file.Load();
            _resumed = _cursor.Pending is not null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            IndexShipLog.CursorUnreadable(logger, e, _file.Path);
            _cursor = new ShipCursor();
        }

        return _cursor;
    }

    public void Save(ShipCursor cursor) => _file!.Save(cursor);

    /// <summary>True once, for the first cut shipped after loading a cursor that held a pending cut.</summary>
    public bool TakeResumed()
    {
        if (!_resumed)
        {
            return false;
        }

        _resumed = false;
        return true;
    }

    /// <summary>The stored cursor without keeping it (for a backlog estimate before the first cut); null when unreadable.</summary>
    public static ShipCursor? TryRead(LogFileNames names)
    {
        try
        {
            return new ShipCursorFile(names.CursorPath).Load();
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
