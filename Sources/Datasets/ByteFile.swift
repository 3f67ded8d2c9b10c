import Foundation

/// A file opened with C stdio for reading or writing in large blocks, so that a 100 MB data file
/// streams through a fixed buffer instead of being held whole in memory.
///
/// Opening errors become `DatasetError`: a missing file reports its path resolved against the
/// working directory; any other failure reports the system's reason.
final class ByteFile {
    /// The path as the user wrote it: what error messages show.
    let path: String
    private let handle: UnsafeMutablePointer<FILE>

    private init(path: String, handle: UnsafeMutablePointer<FILE>) {
        self.path = path
        self.handle = handle
    }

    deinit {
        fclose(handle)
    }

    /// Opens `path` for reading.
    static func openForReading(_ path: String) throws -> ByteFile {
        guard let handle = fopen(path, "rb") else {
            if errno == ENOENT { throw DatasetError.fileNotFound(path: resolvedPath(path)) }
            throw DatasetError.unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        return ByteFile(path: path, handle: handle)
    }

    /// Opens `path`, a file of a published dataset (IDX, CIFAR-10), for reading: a missing file is
    /// `DatasetError.datasetNotFound`, its path resolved against the working directory and
    /// `publishedAt` saying where the dataset can be downloaded.
    static func openDataset(_ path: String, publishedAt: String) throws -> ByteFile {
        do {
            return try openForReading(path)
        } catch DatasetError.fileNotFound(let resolved) {
            throw DatasetError.datasetNotFound(path: resolved, publishedAt: publishedAt)
        }
    }

    /// Creates or truncates `path` for writing.
    static func openForWriting(_ path: String) throws -> ByteFile {
        guard let handle = fopen(path, "wb") else {
            throw DatasetError.unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        return ByteFile(path: path, handle: handle)
    }

    /// The file's size in bytes, or nil when it cannot be told (a pipe).
    var size: Int? {
        var status = stat()
        guard fstat(fileno(handle), &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }

    /// Reads up to `count` bytes into `destination`; returns how many were read (0 at the end).
    func read(into destination: UnsafeMutableRawPointer, count: Int) throws -> Int {
        let read = fread(destination, 1, count, handle)
        if read < count && ferror(handle) != 0 {
            throw DatasetError.unreadable(file: path, reason: String(cString: strerror(errno)))
        }
        return read
    }

    /// Up to `count` bytes from the current position: fewer only at the end of the file.
    func readBytes(count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = try bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return try self.read(into: base, count: count)
        }
        bytes.removeLast(count - read)
        return bytes
    }

    /// Reads up to `count` records of `recordBytes` bytes each from the current position, whole
    /// records about 1 MiB at a time through one buffer, and hands each block to `body` with the
    /// index of its first record; returns the bytes read (fewer than `count · recordBytes` only at
    /// the end of the file, and then the bytes of a cut-short last record are counted but not
    /// handed over). This is how the readers convert bytes into a matrix without holding the file.
    /// - Complexity: O(count · recordBytes); memory one block.
    func forEachBlock(recordBytes: Int, count: Int, _ body: (UnsafeRawBufferPointer, _ firstRecord: Int) throws -> Void) throws -> Int {
        precondition(recordBytes > 0 && count >= 0, "records of at least one byte")
        let blockRecords = max(1, (1 << 20) / recordBytes)
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: blockRecords * recordBytes, alignment: 16)
        defer { block.deallocate() }
        guard let base = block.baseAddress else { return 0 }
        var done = 0
        while done < count {
            let wanted = min(blockRecords, count - done)
            let got = try read(into: base, count: wanted * recordBytes)
            try body(UnsafeRawBufferPointer(rebasing: block[0..<(got / recordBytes * recordBytes)]), done)
            if got < wanted * recordBytes { return done * recordBytes + got }
            done += wanted
        }
        return done * recordBytes
    }

    /// Writes every byte of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if fwrite(base, 1, bytes.count, handle) != bytes.count {
            throw DatasetError.unreadable(file: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes every byte of `bytes`.
    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Flushes buffered bytes to the file, reporting a full disk here rather than never.
    func flush() throws {
        if fflush(handle) != 0 {
            throw DatasetError.unreadable(file: path, reason: String(cString: strerror(errno)))
        }
    }
}
