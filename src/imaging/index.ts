// Imaging: decoding (sharp), digests, EXIF metadata, PDQ of files, worker pool, `icse hash`.
export { hashImage, hashDecoded, type HashImageOptions, type ImageHashResult, type ImageMetadata } from './hash-image.js';
export { decodeImage, DEFAULT_MAX_PIXELS, type DecodeOptions, type DecodedImage } from './decode.js';
export { jpegDecoderName } from './jpeg-native.js';
export { digestBytes, digestFile, DEFAULT_MAX_FILE_BYTES, type FileDigests } from './digest.js';
export { ImageDecodeError, isImageDecodeError, IMAGE_DECODE_REASONS, type ImageDecodeReason } from './errors.js';
export { readExifMetadata, exifDateToIso, type ExifMetadata } from './metadata.js';
export { applyOrientation, orientationSwapsAxes, type PixelImage } from './orientation.js';
export { sniffMedia, SNIFF_BYTES, type MediaKind, type SniffResult } from './sniff.js';
export { registerMediaHasher, getMediaHasher, sniffFile, type MediaHasher, type MediaHashOutput, type MediaHashContext } from './media.js';
export { HashPool, hashFiles, mapOrdered, type HashPoolOptions, type OrderedItem } from './pool.js';
export { runHashCommand, type CommandIo } from './hash-command.js';
