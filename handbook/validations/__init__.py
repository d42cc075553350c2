"""One validator per kind of record (issue 23): each module checks one kind and returns what it
built; handbook/validate.py only wires their results. Keep this file free of imports."""
