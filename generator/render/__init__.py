"""Renderers that turn a PolicyDocument's Markdown into HTML and PDF.

Nothing heavy is imported here: `generator.render.html` needs markdown-it-py and Jinja2,
`generator.render.pdf` imports WeasyPrint only when a PDF is actually rendered.
"""
