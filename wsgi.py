from reuse import create_app

app = create_app()
