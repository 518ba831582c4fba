"""OCR (stub)."""
IMAGE_EXTS = {".png", ".jpg", ".jpeg"}
MAX_IMAGE_BYTES = 30 * 1024 * 1024
def image_kind(raw):
    return None
def read_image(raw, source=""):
    raise NotImplementedError
def ocr_pdf_page(page, w, h, no):
    raise NotImplementedError
