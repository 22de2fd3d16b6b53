import QuireAPI
print("quire")
